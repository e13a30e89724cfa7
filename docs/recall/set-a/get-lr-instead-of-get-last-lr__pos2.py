import torch
from torch.optim.lr_scheduler import ExponentialLR


class Trainer:
    def __init__(self, net, opts, device="cuda"):
        self.net = net.to(device)
        self.opts = opts
        self.device = device
        self.optimizer = torch.optim.Adam(net.parameters(), lr=opts.lr, betas=(0.5, 0.999))
        self.lr_sched = ExponentialLR(self.optimizer, gamma=opts.lr_gamma)
        self.epoch = 0

    def log(self, stats):
        lr = self.lr_sched.get_lr()[0]
        print(f"epoch {self.epoch:03d} | loss {stats['loss']:.4f} | lr {lr:.2e}")

    def train_epoch(self, loader):
        self.net.train()
        total = 0.0
        for batch in loader:
            src, dst = batch["src"].to(self.device), batch["dst"].to(self.device)
            loss = torch.nn.functional.l1_loss(self.net(src), dst)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return {"loss": total / max(1, len(loader))}

    def fit(self, loader):
        for epoch in range(self.opts.n_epochs):
            self.epoch = epoch
            stats = self.train_epoch(loader)
            self.lr_sched.step()
            self.log(stats)
