import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net, train_loader, val_loader, lr=3e-4):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr)
        self.on_plateau = ReduceLROnPlateau(self.opt, mode="max", factor=0.5, patience=3)

    def train_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            loss = torch.nn.functional.cross_entropy(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        hits = n = 0
        for x, y in self.val_loader:
            hits += (self.net(x).argmax(-1) == y).sum().item()
            n += y.numel()
        return hits / n

    def fit(self, epochs):
        for epoch in range(epochs):
            self.train_epoch()
            acc = self.validate()
            self.on_plateau.step()
            print(f"epoch {epoch}: val acc {acc:.4f}")
