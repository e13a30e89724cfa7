import os

import torch
import torch.nn.functional as F


class SegTrainer:
    def __init__(self, model, optimizer, train_loader, val_loader, cfg):
        self.model = model.cuda()
        self.optimizer = optimizer
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.best_miou = 0.0
        self.iteration = 0

    def validate(self):
        self.model.eval()
        inter = torch.zeros(self.cfg.num_classes, device="cuda")
        union = torch.zeros(self.cfg.num_classes, device="cuda")
        with torch.no_grad():
            for img, lbl in self.val_loader:
                img, lbl = img.cuda(), lbl.cuda()
                pred = self.model(img).argmax(1)
                for c in range(self.cfg.num_classes):
                    p, t = pred == c, lbl == c
                    inter[c] += (p & t).sum()
                    union[c] += (p | t).sum()
        return (inter / union.clamp(min=1)).mean().item()

    def train_epoch(self):
        for img, lbl in self.train_loader:
            img, lbl = img.cuda(), lbl.cuda()
            score = self.model(img)
            loss = F.cross_entropy(score, lbl, ignore_index=255)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            self.iteration += 1
            if self.iteration % self.cfg.interval_validate == 0:
                miou = self.validate()
                if miou > self.best_miou:
                    self.best_miou = miou
                    torch.save(self.model.state_dict(), os.path.join(self.cfg.out, "best.pth"))

    def train(self):
        self.model.train()
        for _ in range(self.cfg.max_epoch):
            self.train_epoch()
