import math

import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net
        self.loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
        self.total = cfg["epochs"] * len(train_loader)
        self.sched_state = {"step": 0, "peak": cfg["lr"]}
        for group in self.opt.param_groups:
            group["lr"] = self.lr_at(0)

    def lr_at(self, step):
        w = self.cfg["warmup_steps"]
        peak, floor = self.sched_state["peak"], self.cfg["min_lr"]
        if step < w:
            return peak * (step + 1) / w
        progress = min(1.0, (step - w) / max(1, self.total - w))
        return floor + (peak - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def on_batch_end(self):
        self.sched_state["step"] = 0
        lr = self.lr_at(self.sched_state["step"])
        for group in self.opt.param_groups:
            group["lr"] = lr
        return lr

    def train_epoch(self, epoch):
        self.net.train()
        total_loss = 0.0
        for batch_idx, (tokens, labels) in enumerate(self.loader):
            logits = self.net(tokens)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), labels.view(-1))
            self.opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg["clip"])
            self.opt.step()
            lr = self.on_batch_end()
            total_loss += loss.item()
            if batch_idx % 100 == 0:
                print(f"epoch {epoch} batch {batch_idx} loss {loss.item():.4f} lr {lr:.2e}")
        return total_loss / max(1, len(self.loader))

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self.train_epoch(epoch)
