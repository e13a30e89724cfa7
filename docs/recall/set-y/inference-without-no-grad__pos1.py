import argparse

import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression, scale_coords


def to_tensor(frame, size, device, half):
    img = cv2.resize(frame, (size, size))[:, :, ::-1].transpose(2, 0, 1)
    img = torch.from_numpy(np.ascontiguousarray(img)).to(device)
    img = img.half() if half else img.float()
    return (img / 255.0).unsqueeze(0)


def run(opt):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    half = device.type != "cpu"
    detector = attempt_load(opt.weights, map_location=device)
    detector.eval()
    if half:
        detector.half()

    cap = cv2.VideoCapture(opt.source)
    prev_shape = None
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        img = to_tensor(frame, opt.img_size, device, half)
        if half and img.shape != prev_shape:
            prev_shape = img.shape
            for _ in range(3):
                detector(img, augment=opt.augment)[0]

        with torch.no_grad():
            pred = detector(img, augment=opt.augment)[0]
        pred = non_max_suppression(pred, opt.conf_thres, opt.iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], frame.shape).round()
                print(f"{len(det)} objects")
    cap.release()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="yolov7.pt")
    ap.add_argument("--source", default="0")
    ap.add_argument("--img-size", dest="img_size", type=int, default=640)
    ap.add_argument("--conf-thres", dest="conf_thres", type=float, default=0.25)
    ap.add_argument("--iou-thres", dest="iou_thres", type=float, default=0.45)
    ap.add_argument("--augment", action="store_true")
    run(ap.parse_args())
