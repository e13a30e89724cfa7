import copy

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


class EMATrainer:
    def __init__(self, net, train_set, val_set, cfg):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.ema = copy.deepcopy(self.net).eval()
        for p in self.ema.parameters():
            p.requires_grad_(False)
        self.train_loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                       num_workers=4, drop_last=True)
        self.val_loader = DataLoader(val_set, batch_size=cfg.batch_size, num_workers=4)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr)

    @torch.no_grad()
    def update_ema(self, decay):
        for e, p in zip(self.ema.parameters(), self.net.parameters()):
            e.mul_(decay).add_(p.detach(), alpha=1 - decay)
        for e, b in zip(self.ema.buffers(), self.net.buffers()):
            e.copy_(b)

    @torch.no_grad()
    def evaluate(self):
        correct = total = 0
        for x, y in self.val_loader:
            x, y = x.to(self.cfg.device), y.to(self.cfg.device)
            correct += (self.ema(x).argmax(1) == y).sum().item()
            total += y.numel()
        return correct / max(total, 1)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for x, y in self.train_loader:
                x, y = x.to(self.cfg.device), y.to(self.cfg.device)
                self.opt.zero_grad(set_to_none=True)
                F.cross_entropy(self.net(x), y).backward()
                self.opt.step()
                self.update_ema(self.cfg.ema_decay)
            print(f"epoch {epoch}: ema acc {self.evaluate():.4f}")
