import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR


class SegTrainer:
    def __init__(self, net, cfg, device="cuda"):
        self.net = net.to(device)
        self.cfg = cfg
        self.device = device
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
        floor = cfg.get("lr_floor", 0.01)
        n = max(1, cfg["epochs"])
        lam = lambda e: floor + (1 - floor) * (1 - np.cos(np.pi * e / n)) / 2  # noqa: E731
        self.lr_sched = LambdaLR(self.opt, lr_lambda=lam)
        self.crit = torch.nn.CrossEntropyLoss(ignore_index=255)

    def train_epoch(self, loader):
        self.net.train()
        losses = []
        for img, mask in loader:
            img, mask = img.to(self.device), mask.to(self.device)
            loss = self.crit(self.net(img), mask)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            losses.append(loss.item())
        self.lr_sched.step()
        return float(np.mean(losses))

    def fit(self, loader):
        for epoch in range(self.cfg["epochs"]):
            avg = self.train_epoch(loader)
            print(f"epoch {epoch}: loss {avg:.4f} lr {self.lr_sched.get_last_lr()[0]:.5f}")
            torch.save(
                {"net": self.net.state_dict(), "opt": self.opt.state_dict(), "sched": self.lr_sched.state_dict()},
                f"ckpt_{epoch}.pt",
            )
