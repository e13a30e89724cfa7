import torch
import torch.nn as nn


class Trainer:
    def __init__(self, net, args, device="cuda"):
        self.net = net.to(device)
        self.args = args
        self.device = device
        self.optim = torch.optim.Adam(self.net.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
        self.criterion = nn.CrossEntropyLoss(ignore_index=args.pad_id, label_smoothing=0.1)
        self.n_steps = 0

    def _set_lr(self):
        if self.n_steps < self.args.n_warm:
            scale = (self.n_steps + 1) / self.args.n_warm
            lr = self.optim.param_groups[0]["lr"] * scale
            for g in self.optim.param_groups:
                g["lr"] = lr

    def train_step(self, src, tgt):
        self._set_lr()
        src, tgt = src.to(self.device), tgt.to(self.device)
        logits = self.net(src, tgt[:, :-1])
        loss = self.criterion(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1))
        self.optim.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.net.parameters(), self.args.clip)
        self.optim.step()
        self.n_steps += 1
        return loss.item()

    def train_epoch(self, loader, epoch):
        self.net.train()
        total = 0.0
        for k, (src, tgt) in enumerate(loader):
            total += self.train_step(src, tgt)
            if k % self.args.log_every == 0:
                print(f"ep {epoch} step {self.n_steps} loss {total / (k + 1):.3f}")
        return total / max(1, len(loader))
