import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, cfg):
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = net.to(self.device)
        self.loader = DataLoader(train_set, batch_size=cfg["batch_size"], shuffle=True,
                                 num_workers=cfg.get("workers", 4), drop_last=True)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg["lr"], momentum=0.9,
                                   weight_decay=cfg.get("wd", 5e-4))
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg["epochs"])
        self.criterion = nn.CrossEntropyLoss()
        self.start_epoch = 0

    def train_epoch(self):
        self.net.train()
        seen, total = 0, 0.0
        for images, targets in self.loader:
            images, targets = images.to(self.device), targets.to(self.device)
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(images), targets)
            loss.backward()
            self.opt.step()
            total += loss.item() * images.size(0)
            seen += images.size(0)
        return total / max(seen, 1)

    def save_checkpoint(self, epoch, path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        torch.save({
            "epoch": epoch,
            "model": self.net.state_dict(),
            "optimizer": self.opt.state_dict(),
        }, path)

    def fit(self):
        for epoch in range(self.start_epoch, self.cfg["epochs"]):
            avg = self.train_epoch()
            self.lr_sched.step()
            last_lr = self.lr_sched.get_last_lr()[0]
            print(f"epoch {epoch}: loss {avg:.4f} lr {last_lr:.5f}")
            self.save_checkpoint(epoch, os.path.join(self.cfg["out"], "last.pt"))
