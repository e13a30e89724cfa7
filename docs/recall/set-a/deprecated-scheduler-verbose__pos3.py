import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts


class Trainer:
    def __init__(self, net, cfg, device="cuda"):
        self.net = net.to(device)
        self.cfg = cfg
        self.device = device
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        self.lr_sched = CosineAnnealingWarmRestarts(self.opt, T_0=cfg.t0, T_mult=2, eta_min=cfg.lr * 1e-3, verbose=False)

    def train_epoch(self, loader):
        self.net.train()
        running = 0.0
        for x, y in loader:
            x, y = x.to(self.device), y.to(self.device)
            loss = torch.nn.functional.cross_entropy(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            running += loss.item()
        return running / max(1, len(loader))

    def fit(self, loader):
        for epoch in range(self.cfg.epochs):
            avg = self.train_epoch(loader)
            self.lr_sched.step()
            print(f"epoch {epoch}: loss {avg:.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
            torch.save({"net": self.net.state_dict(), "sched": self.lr_sched.state_dict()}, "last.pt")
