from dataclasses import dataclass

import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms


@dataclass
class PredictorConfig:
    checkpoint: str
    image_size: int = 224
    topk: int = 5
    device: str = "cuda"


class Predictor:
    def __init__(self, backbone, cfg: PredictorConfig, class_names):
        self.cfg = cfg
        self.class_names = class_names
        state = torch.load(cfg.checkpoint, map_location="cpu")
        backbone.load_state_dict(state["model"])
        self.backbone = backbone.to(cfg.device).eval()
        self.tf = transforms.Compose([
            transforms.Resize(int(cfg.image_size * 1.14)),
            transforms.CenterCrop(cfg.image_size),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
        ])

    def _batch(self, paths):
        imgs = [self.tf(Image.open(p).convert("RGB")) for p in paths]
        return torch.stack(imgs).to(self.cfg.device)

    def predict(self, paths):
        logits = self.backbone(self._batch(paths))
        probs = F.softmax(logits, dim=-1)
        top_p, top_i = probs.topk(self.cfg.topk, dim=-1)
        out = []
        for p_row, i_row in zip(top_p.tolist(), top_i.tolist()):
            out.append([(self.class_names[i], p) for i, p in zip(i_row, p_row)])
        return out
