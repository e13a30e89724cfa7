import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loaders, opt_cfg, epochs):
        self.net = net
        self.train_loader, self.val_loader = loaders
        self.epochs = epochs
        self.epoch = 0
        self.optim = torch.optim.AdamW(net.parameters(), lr=opt_cfg["lr"], weight_decay=opt_cfg["wd"])
        self.sched = CosineAnnealingLR(self.optim, T_max=epochs, eta_min=opt_cfg["lr"] * 0.01)

    def train_one_epoch(self):
        self.net.train()
        for xb, yb in self.train_loader:
            loss = torch.nn.functional.cross_entropy(self.net(xb), yb)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = total = 0
        for xb, yb in self.val_loader:
            correct += (self.net(xb).argmax(-1) == yb).sum().item()
            total += yb.numel()
        self.net.train()
        return correct / max(1, total)

    def fit(self):
        while self.epoch < self.epochs:
            self.train_one_epoch()
            acc = self.validate()
            self.epoch += 1
            self.sched.step(epoch=self.epoch)
            print(f"epoch {self.epoch} val_acc {acc:.4f}")
