import argparse
from pathlib import Path

import torch

from models.experimental import attempt_load
from utils.datasets import LoadImages
from utils.general import non_max_suppression, scale_coords


def detect(opt):
    device = torch.device(opt.device if torch.cuda.is_available() else "cpu")
    half = device.type != "cpu"
    model = attempt_load(opt.weights, map_location=device)
    stride = int(model.stride.max())
    if half:
        model.half()
    model.eval()

    dataset = LoadImages(opt.source, img_size=opt.img_size, stride=stride)
    names = model.module.names if hasattr(model, "module") else model.names

    old_shape = None
    results = []
    for path, img, im0 in dataset:
        img = torch.from_numpy(img).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        if img.ndimension() == 3:
            img = img.unsqueeze(0)

        if half and img.shape != old_shape:
            old_shape = img.shape
            for _ in range(3):
                model(img, augment=opt.augment)[0]

        with torch.no_grad():
            pred = model(img, augment=opt.augment)[0]
        pred = non_max_suppression(pred, opt.conf_thres, opt.iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
                for *xyxy, conf, cls in det.tolist():
                    results.append((Path(path).name, names[int(cls)], conf, xyxy))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="yolov7.pt")
    parser.add_argument("--source", default="inference/images")
    parser.add_argument("--img-size", type=int, default=640)
    parser.add_argument("--conf-thres", type=float, default=0.25)
    parser.add_argument("--iou-thres", type=float, default=0.45)
    parser.add_argument("--device", default="cuda:0")
    parser.add_argument("--augment", action="store_true")
    for row in detect(parser.parse_args()):
        print(*row)
