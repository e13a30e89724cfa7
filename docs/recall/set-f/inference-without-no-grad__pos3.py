from typing import List

import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms


class Classifier:
    def __init__(self, backbone, class_names: List[str], device="cuda"):
        self.backbone = backbone.to(device)
        self.backbone.eval()
        self.class_names = class_names
        self.device = device
        self.tf = transforms.Compose(
            [
                transforms.Resize(256),
                transforms.CenterCrop(224),
                transforms.ToTensor(),
                transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
            ]
        )

    def _prepare(self, paths):
        return torch.stack([self.tf(Image.open(p).convert("RGB")) for p in paths]).to(self.device)

    def predict(self, paths, topk=5):
        batch = self._prepare(paths)
        logits = self.backbone(batch)
        probs = F.softmax(logits, dim=-1)
        scores, idx = probs.topk(topk, dim=-1)
        out = []
        for s_row, i_row in zip(scores.tolist(), idx.tolist()):
            out.append([(self.class_names[i], s) for i, s in zip(i_row, s_row)])
        return out
