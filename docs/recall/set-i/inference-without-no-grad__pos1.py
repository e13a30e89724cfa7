import argparse

import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression, scale_coords


def letterbox(img, size=640):
    h, w = img.shape[:2]
    r = size / max(h, w)
    img = cv2.resize(img, (int(w * r), int(h * r)))
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    canvas[: img.shape[0], : img.shape[1]] = img
    return canvas


def detect(opt):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = attempt_load(opt.weights, map_location=device)
    model.eval()
    half = device.type != "cpu"
    if half:
        model.half()

    old_shape = None
    for path in opt.sources:
        im0 = cv2.imread(path)
        img = letterbox(im0, opt.img_size)[:, :, ::-1].transpose(2, 0, 1)
        img = torch.from_numpy(np.ascontiguousarray(img)).to(device)
        img = (img.half() if half else img.float()) / 255.0
        img = img.unsqueeze(0)

        if device.type != "cpu" and img.shape != old_shape:
            old_shape = img.shape
            for _ in range(3):
                model(img, augment=opt.augment)[0]

        with torch.no_grad():
            pred = model(img, augment=opt.augment)[0]
        pred = non_max_suppression(pred, opt.conf_thres, opt.iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
                print(path, det.tolist())


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="yolov7.pt")
    ap.add_argument("--sources", nargs="+", required=True)
    ap.add_argument("--img-size", type=int, default=640)
    ap.add_argument("--conf-thres", type=float, default=0.25)
    ap.add_argument("--iou-thres", type=float, default=0.45)
    ap.add_argument("--augment", action="store_true")
    detect(ap.parse_args())
