import argparse
from pathlib import Path

import torch

from models.experimental import attempt_load
from utils.datasets import LoadImages
from utils.general import non_max_suppression, scale_coords


@torch.no_grad()
def run(weights, source, img_size=640, conf_thres=0.25, iou_thres=0.45, device="cuda:0", augment=False):
    device = torch.device(device if torch.cuda.is_available() else "cpu")
    half = device.type != "cpu"
    model = attempt_load(weights, map_location=device)
    stride = int(model.stride.max())
    if half:
        model.half()
    model.eval()
    names = model.module.names if hasattr(model, "module") else model.names

    if half:
        dummy = torch.zeros(1, 3, img_size, img_size, device=device).type_as(next(model.parameters()))
        model(dummy)

    results = []
    for path, img, im0 in LoadImages(source, img_size=img_size, stride=stride):
        img = torch.from_numpy(img).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        if img.ndimension() == 3:
            img = img.unsqueeze(0)
        pred = model(img, augment=augment)[0]
        pred = non_max_suppression(pred, conf_thres, iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
                for *xyxy, conf, cls in det.tolist():
                    results.append((Path(path).name, names[int(cls)], conf, xyxy))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="yolov5s.pt")
    parser.add_argument("--source", default="data/images")
    parser.add_argument("--img-size", type=int, default=640)
    parser.add_argument("--device", default="cuda:0")
    parser.add_argument("--augment", action="store_true")
    opt = parser.parse_args()
    for row in run(opt.weights, opt.source, img_size=opt.img_size, device=opt.device, augment=opt.augment):
        print(*row)
