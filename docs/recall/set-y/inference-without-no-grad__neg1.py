import argparse

import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression


def preprocess(frame, size, device, half):
    img = cv2.resize(frame, (size, size))[:, :, ::-1].transpose(2, 0, 1)
    img = torch.from_numpy(np.ascontiguousarray(img)).to(device)
    img = img.half() if half else img.float()
    return (img / 255.0).unsqueeze(0)


def run(opt):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    half = device.type != "cpu"
    model = attempt_load(opt.weights, map_location=device).eval()
    if half:
        model.half()

    cap = cv2.VideoCapture(opt.source)
    last_shape = None
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        img = preprocess(frame, opt.img_size, device, half)
        with torch.no_grad():
            if half and img.shape != last_shape:
                last_shape = img.shape
                for _ in range(3):
                    model(img)[0]
            pred = model(img)[0]
        dets = non_max_suppression(pred, opt.conf_thres, opt.iou_thres)
        print(f"{sum(len(d) for d in dets)} detections")
    cap.release()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="best.pt")
    ap.add_argument("--source", default="0")
    ap.add_argument("--img-size", dest="img_size", type=int, default=640)
    ap.add_argument("--conf-thres", dest="conf_thres", type=float, default=0.25)
    ap.add_argument("--iou-thres", dest="iou_thres", type=float, default=0.45)
    run(ap.parse_args())
