import argparse
from pathlib import Path

import cv2
import torch

from models.experimental import attempt_load
from utils.datasets import LoadImages
from utils.general import non_max_suppression, scale_coords
from utils.plots import plot_one_box


def detect(opt):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    half = device.type != "cpu"
    model = attempt_load(opt.weights, map_location=device)
    model.eval()
    if half:
        model.half()
    names = model.module.names if hasattr(model, "module") else model.names
    stride = int(model.stride.max())
    dataset = LoadImages(opt.source, img_size=opt.img_size, stride=stride)
    save_dir = Path(opt.project)
    save_dir.mkdir(parents=True, exist_ok=True)

    if device.type != "cpu":
        dummy = torch.zeros(1, 3, opt.img_size, opt.img_size, device=device)
        dummy = dummy.type_as(next(model.parameters()))
        for _ in range(3):
            model(dummy, augment=opt.augment)

    for path, img, im0 in dataset:
        img = torch.from_numpy(img).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        if img.ndimension() == 3:
            img = img.unsqueeze(0)
        with torch.no_grad():
            pred = model(img, augment=opt.augment)[0]
        pred = non_max_suppression(pred, opt.conf_thres, opt.iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
                for *xyxy, conf, cls in reversed(det):
                    plot_one_box(xyxy, im0, label=f"{names[int(cls)]} {conf:.2f}")
        cv2.imwrite(str(save_dir / Path(path).name), im0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="yolov7.pt")
    parser.add_argument("--source", default="inference/images")
    parser.add_argument("--img-size", type=int, default=640)
    parser.add_argument("--conf-thres", type=float, default=0.25)
    parser.add_argument("--iou-thres", type=float, default=0.45)
    parser.add_argument("--augment", action="store_true")
    parser.add_argument("--project", default="runs/detect")
    detect(parser.parse_args())
