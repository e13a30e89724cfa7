import glob
import os

import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression


def preprocess(img, size):
    img = cv2.resize(img, (size, size), interpolation=cv2.INTER_LINEAR)
    img = img[:, :, ::-1].transpose(2, 0, 1)
    img = np.ascontiguousarray(img)
    return torch.from_numpy(img).unsqueeze(0)


def run(weights, source, img_size=640, conf_thres=0.25, iou_thres=0.45, device="cuda:0"):
    dev = torch.device(device)
    model = attempt_load(weights, map_location=dev)
    model.eval()
    half = dev.type != "cpu"
    if half:
        model.half()

    if dev.type != "cpu":
        dummy = torch.zeros(1, 3, img_size, img_size, device=dev)
        dummy = dummy.type_as(next(model.parameters()))
        for _ in range(3):
            model(dummy)

    detections = {}
    for path in sorted(glob.glob(os.path.join(source, "*.jpg"))):
        img = preprocess(cv2.imread(path), img_size).to(dev)
        img = img.half() if half else img.float()
        img /= 255.0
        with torch.no_grad():
            pred = model(img)[0]
        pred = non_max_suppression(pred, conf_thres, iou_thres)
        detections[path] = [d.cpu().numpy() for d in pred]
    return detections
