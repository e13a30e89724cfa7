import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.device = next(net.parameters()).device
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.max_epochs, eta_min=cfg.lr * 0.01)

    def train_one_epoch(self, epoch):
        self.net.train()
        for it, (x, y) in enumerate(self.train_loader):
            x, y = x.to(self.device), y.to(self.device)
            logits = self.net(x)
            loss = F.cross_entropy(logits, y, label_smoothing=0.1)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
            self.opt.step()
            self.lr_sched.step()
            if it % self.cfg.log_every == 0:
                print(f"[{epoch}][{it}/{len(self.train_loader)}] loss={loss.item():.4f}")

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = total = 0
        for x, y in self.val_loader:
            x, y = x.to(self.device), y.to(self.device)
            correct += (self.net(x).argmax(1) == y).sum().item()
            total += y.numel()
        return correct / max(total, 1)

    def fit(self):
        best = 0.0
        for epoch in range(self.cfg.max_epochs):
            self.train_one_epoch(epoch)
            acc = self.validate()
            if acc > best:
                best = acc
                torch.save({"model": self.net.state_dict(), "epoch": epoch}, "best.pt")
        return best
