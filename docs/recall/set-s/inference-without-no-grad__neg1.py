import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression, scale_coords
from utils.datasets import letterbox


@torch.no_grad()
def detect(weights, sources, img_size=640, conf_thres=0.25, iou_thres=0.45):
    device = torch.device("cuda:0")
    det_net = attempt_load(weights, map_location=device)
    det_net.eval()
    results = []
    prev_shape = None

    for path in sources:
        im0 = cv2.imread(path)
        img = letterbox(im0, img_size)[0]
        img = img[:, :, ::-1].transpose(2, 0, 1)
        img = torch.from_numpy(np.ascontiguousarray(img)).to(device).float() / 255.0
        img = img.unsqueeze(0)

        if prev_shape != img.shape:
            prev_shape = img.shape
            for _ in range(3):
                det_net(img)

        pred = det_net(img)[0]
        pred = non_max_suppression(pred, conf_thres, iou_thres)
        for det in pred:
            if len(det):
                det[:, :4] = scale_coords(img.shape[2:], det[:, :4], im0.shape).round()
            results.append((path, det.cpu().numpy()))
    return results
