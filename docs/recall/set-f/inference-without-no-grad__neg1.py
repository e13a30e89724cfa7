from typing import List

import torch
import torch.nn.functional as F


class Classifier:
    def __init__(self, backbone, class_names: List[str], device="cuda"):
        self.backbone = backbone.to(device).eval()
        self.class_names = class_names
        self.device = device

    @torch.inference_mode()
    def warmup(self, shape=(1, 3, 224, 224), n=3):
        dummy = torch.zeros(shape, device=self.device)
        for _ in range(n):
            self.backbone(dummy)

    @torch.inference_mode()
    def predict(self, batch, topk=5):
        logits = self.backbone(batch.to(self.device))
        scores, idx = F.softmax(logits, dim=-1).topk(topk, dim=-1)
        return [
            [(self.class_names[i], s) for i, s in zip(i_row, s_row)]
            for s_row, i_row in zip(scores.tolist(), idx.tolist())
        ]
