import os

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model.cuda()
        self.loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs, eta_min=cfg.lr * 0.01)
        self.start_epoch = 0
        if cfg.resume:
            self._resume(cfg.resume)

    def _ckpt_path(self, epoch):
        return os.path.join(self.cfg.work_dir, f"epoch_{epoch:03d}.pt")

    def _save(self, epoch):
        torch.save(
            {
                "epoch": epoch,
                "model": self.model.state_dict(),
                "opt": self.opt.state_dict(),
                "lr_sched": self.lr_sched.state_dict(),
            },
            self._ckpt_path(epoch),
        )

    def _resume(self, path):
        state = torch.load(path, map_location="cpu")
        self.model.load_state_dict(state["model"])
        self.opt.load_state_dict(state["opt"])
        self.start_epoch = state["epoch"] + 1
        print(f"resumed from {path} at epoch {self.start_epoch}")

    def train_epoch(self):
        self.model.train()
        for batch in self.loader:
            inputs = batch["pixel_values"].cuda(non_blocking=True)
            labels = batch["labels"].cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.model(inputs, labels=labels).loss
            loss.backward()
            self.opt.step()

    def fit(self):
        for epoch in range(self.start_epoch, self.cfg.epochs):
            self.train_epoch()
            self.lr_sched.step()
            if (epoch + 1) % self.cfg.save_every == 0:
                self._save(epoch)
