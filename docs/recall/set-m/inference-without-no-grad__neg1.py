import glob
import os

import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression


def load_image(path, size):
    img = cv2.resize(cv2.imread(path), (size, size))
    img = np.ascontiguousarray(img[:, :, ::-1].transpose(2, 0, 1))
    return torch.from_numpy(img).unsqueeze(0)


@torch.no_grad()
def detect(weights, source, img_size=640, conf=0.25, iou=0.45, device="cuda:0"):
    dev = torch.device(device)
    detector = attempt_load(weights, map_location=dev).eval()
    half = dev.type != "cpu"
    if half:
        detector.half()
        warm = torch.zeros(1, 3, img_size, img_size, device=dev).half()
        for _ in range(3):
            detector(warm)

    results = {}
    for path in sorted(glob.glob(os.path.join(source, "*.png"))):
        img = load_image(path, img_size).to(dev)
        img = (img.half() if half else img.float()) / 255.0
        pred = non_max_suppression(detector(img)[0], conf, iou)
        results[path] = [p.cpu().numpy() for p in pred]
    return results
