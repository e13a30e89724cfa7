import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression, scale_coords
from utils.datasets import letterbox


def detect(weights, sources, img_size=640, conf_thres=0.25, iou_thres=0.45):
    device = torch.device("cuda:0")
    net = attempt_load(weights, map_location=device)
    net.eval()
    results = []
    old_h, old_w = 0, 0

    for path in sources:
        im0 = cv2.imread(path)
        img = letterbox(im0, img_size)[0]
        img = img[:, :, ::-1].transpose(2, 0, 1)
        img = torch.from_numpy(np.ascontiguousarray(img)).to(device).float() / 255.0
        img = img.unsqueeze(0)

        if old_h != img.shape[2] or old_w != img.shape[3]:
            old_h, old_w = img.shape[2], img.shape[3]
            for _ in range(3):
                net(img)[0]

        with torch.no_grad():
            pred = net(img)[0]
        pred = non_max_suppression(pred, conf_thres, iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
            results.append((path, det.cpu().numpy()))
    return results
