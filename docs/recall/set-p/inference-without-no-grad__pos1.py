import numpy as np
import torch

from models.experimental import attempt_load
from utils.general import non_max_suppression, scale_coords


class Detector:
    def __init__(self, weights, device="cuda:0", img_size=640, half=True):
        self.device = torch.device(device)
        self.model = attempt_load(weights, map_location=self.device)
        self.model.eval()
        self.half = half and self.device.type != "cpu"
        if self.half:
            self.model.half()
        self.img_size = img_size
        self.stride = int(self.model.stride.max())
        self._last_shape = None

    def preprocess(self, img):
        x = np.ascontiguousarray(img[:, :, ::-1].transpose(2, 0, 1))
        x = torch.from_numpy(x).to(self.device)
        x = x.half() if self.half else x.float()
        x /= 255.0
        if x.ndimension() == 3:
            x = x.unsqueeze(0)
        return x

    def __call__(self, img, orig_shape, conf_thres=0.25, iou_thres=0.45):
        x = self.preprocess(img)
        if self._last_shape != x.shape:
            self._last_shape = x.shape
            for _ in range(3):
                self.model(x)[0]
        with torch.no_grad():
            pred = self.model(x)[0]
        dets = non_max_suppression(pred, conf_thres, iou_thres)
        for det in dets:
            if len(det):
                det[:, :4] = scale_coords(x.shape[2:], det[:, :4], orig_shape).round()
        return dets
