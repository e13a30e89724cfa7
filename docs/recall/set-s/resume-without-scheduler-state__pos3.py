from pathlib import Path

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


class Trainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.TRAIN.LR, weight_decay=cfg.TRAIN.WD)
        self.lr_sched = OneCycleLR(
            self.opt,
            max_lr=cfg.TRAIN.LR,
            total_steps=cfg.TRAIN.EPOCHS * len(train_loader),
            pct_start=0.1,
        )
        self.epoch = 0
        self.ckpt_dir = Path(cfg.OUTPUT_DIR) / "checkpoints"
        self.ckpt_dir.mkdir(parents=True, exist_ok=True)

    def train_epoch(self):
        self.net.train()
        for batch_idx, (x, y) in enumerate(self.train_loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(x), y, label_smoothing=0.1)
            loss.backward()
            self.opt.step()
            self.lr_sched.step()
            if batch_idx % 100 == 0:
                print(f"[{self.epoch}][{batch_idx}] loss={loss.item():.4f}")

    def save(self, tag="last"):
        ckpt = {
            "epoch": self.epoch,
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
            "cfg": dict(self.cfg),
        }
        torch.save(ckpt, self.ckpt_dir / f"{tag}.pt")

    def fit(self):
        while self.epoch < self.cfg.TRAIN.EPOCHS:
            self.train_epoch()
            self.save()
            self.epoch += 1
