import argparse

import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.datasets import LoadImages
from utils.general import non_max_suppression, scale_coords


def letterbox_tensor(img, device, half):
    img = torch.from_numpy(np.ascontiguousarray(img)).to(device)
    img = img.half() if half else img.float()
    img /= 255.0
    if img.ndimension() == 3:
        img = img.unsqueeze(0)
    return img


def detect(weights, source, imgsz=640, conf_thres=0.25, iou_thres=0.45, device="cuda:0"):
    model = attempt_load(weights, map_location=device)
    model.eval()
    half = device != "cpu"
    if half:
        model.half()
    dataset = LoadImages(source, img_size=imgsz)

    dummy = torch.zeros(1, 3, imgsz, imgsz, device=device)
    model(dummy.half() if half else dummy)

    detections = []
    for path, img, im0 in dataset:
        img = letterbox_tensor(img, device, half)
        with torch.no_grad():
            pred = model(img)[0]
        pred = non_max_suppression(pred, conf_thres, iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
                detections.append((path, det.cpu().numpy()))
                for *xyxy, conf, cls in det.tolist():
                    cv2.rectangle(im0, (int(xyxy[0]), int(xyxy[1])), (int(xyxy[2]), int(xyxy[3])), (0, 255, 0), 2)
    return detections


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="yolo.pt")
    ap.add_argument("--source", default="inference/images")
    ap.add_argument("--img-size", type=int, default=640)
    opt = ap.parse_args()
    detect(opt.weights, opt.source, opt.img_size)
