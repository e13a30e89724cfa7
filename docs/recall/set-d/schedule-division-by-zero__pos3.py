import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


class Finetuner:
    def __init__(self, backbone, classifier, train_loader, args):
        self.net = nn.Sequential(backbone, classifier)
        self.loader = train_loader
        self.args = args
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
        warm = args.warmup_epochs
        self.sched = SequentialLR(
            self.opt,
            schedulers=[
                LinearLR(self.opt, start_factor=0.1, total_iters=warm),
                CosineAnnealingLR(self.opt, T_max=args.epochs - warm, eta_min=args.min_lr),
            ],
            milestones=[warm],
        )
        self.criterion = nn.CrossEntropyLoss(label_smoothing=args.smoothing)

    def run_epoch(self):
        self.net.train()
        total, n = 0.0, 0
        for images, labels in self.loader:
            logits = self.net(images)
            loss = self.criterion(logits, labels)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item() * labels.size(0)
            n += labels.size(0)
        return total / max(1, n)

    def fit(self):
        for epoch in range(self.args.epochs):
            train_loss = self.run_epoch()
            self.sched.step()
            print(f"epoch {epoch:3d} loss {train_loss:.4f} lr {self.sched.get_last_lr()[0]:.2e}")
