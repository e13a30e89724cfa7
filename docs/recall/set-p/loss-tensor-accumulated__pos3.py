from collections import defaultdict

import torch
import torch.nn as nn


class DetectorTrainer:
    def __init__(self, detector, loader, lr=0.01):
        self.detector = detector.cuda()
        self.loader = loader
        params = [p for p in self.detector.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=1e-4)

    def train_epoch(self, epoch):
        self.detector.train()
        stats = defaultdict(float)
        n = 0
        for images, targets in self.loader:
            images = [img.cuda() for img in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = self.detector(images, targets)
            loss = sum(loss_dict.values())
            self.opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(self.detector.parameters(), 10.0)
            self.opt.step()
            stats["loss"] += loss
            n += 1
        summary = {k: float(v) / max(n, 1) for k, v in stats.items()}
        print(f"epoch {epoch}: " + " ".join(f"{k}={v:.4f}" for k, v in summary.items()))
        return summary
