import cv2
import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression


def detect(weights, sources, img_size=640, conf_thres=0.25, iou_thres=0.45):
    device = torch.device("cuda:0")
    model = attempt_load(weights, map_location=device).half()
    model.eval()

    old_shape = None
    results = []
    for path in sources:
        im0 = cv2.imread(path)
        img = cv2.resize(im0, (img_size, img_size))[:, :, ::-1].transpose(2, 0, 1)
        img = torch.from_numpy(np.ascontiguousarray(img)).to(device).half() / 255.0
        img = img.unsqueeze(0)

        with torch.no_grad():
            if old_shape != img.shape:
                old_shape = img.shape
                for _ in range(3):
                    model(img)[0]
            pred = model(img)[0]
        pred = non_max_suppression(pred, conf_thres, iou_thres)
        results.append((path, pred[0].cpu()))
    return results
