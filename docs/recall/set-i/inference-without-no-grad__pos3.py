import numpy as np
import torch
import torch.nn.functional as F


class SegPredictor:
    def __init__(self, net, weights, input_hw=(512, 1024), device="cuda"):
        self.device = torch.device(device)
        self.net = net
        self.net.load_state_dict(torch.load(weights, map_location="cpu"))
        self.net.to(self.device).eval()
        self.input_hw = input_hw
        self.mean = torch.tensor([0.485, 0.456, 0.406], device=self.device).view(1, 3, 1, 1)
        self.std = torch.tensor([0.229, 0.224, 0.225], device=self.device).view(1, 3, 1, 1)
        self._warmup()

    def _warmup(self):
        dummy = torch.zeros(1, 3, *self.input_hw, device=self.device)
        self.net(dummy)

    def _preprocess(self, image):
        x = torch.from_numpy(image).to(self.device).permute(2, 0, 1).float().unsqueeze(0) / 255.0
        x = F.interpolate(x, size=self.input_hw, mode="bilinear", align_corners=False)
        return (x - self.mean) / self.std

    @torch.no_grad()
    def __call__(self, image):
        h, w = image.shape[:2]
        logits = self.net(self._preprocess(image))
        logits = F.interpolate(logits, size=(h, w), mode="bilinear", align_corners=False)
        return logits.argmax(1).squeeze(0).cpu().numpy().astype(np.uint8)
