import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net, train_loader, val_loader, lr=1e-3, epochs=100):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.epochs = epochs
        self.optim = torch.optim.Adam(net.parameters(), lr=lr)
        self.sched = ReduceLROnPlateau(self.optim, mode="min", factor=0.5, patience=5)

    def train_one_epoch(self):
        self.net.train()
        for xb, yb in self.train_loader:
            loss = torch.nn.functional.mse_loss(self.net(xb), yb)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        total = 0.0
        for xb, yb in self.val_loader:
            total += torch.nn.functional.mse_loss(self.net(xb), yb, reduction="sum").item()
        self.net.train()
        return total / len(self.val_loader.dataset)

    def fit(self):
        for epoch in range(self.epochs):
            self.train_one_epoch()
            val_loss = self.validate()
            self.sched.step(val_loss)
            print(f"epoch {epoch} val {val_loss:.5f} lr {self.optim.param_groups[0]['lr']:.2e}")
