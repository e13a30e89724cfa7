import numpy as np
import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


class EarlyStopping:
    """Stops training when the validation loss has not improved for `patience` epochs."""

    def __init__(self, patience=10, delta=0.0, path="checkpoint.pt", verbose=False):
        self.patience = patience
        self.delta = delta
        self.path = path
        self.verbose = verbose
        self.counter = 0
        self.best = np.inf
        self.stop = False

    def __call__(self, val_loss, net):
        if val_loss < self.best - self.delta:
            if self.verbose:
                print(f"val loss improved {self.best:.5f} -> {val_loss:.5f}, saving")
            self.best = val_loss
            self.counter = 0
            torch.save(net.state_dict(), self.path)
        else:
            self.counter += 1
            self.stop = self.counter >= self.patience


def evaluate(net, loader, crit):
    net.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            total += crit(net(x.cuda()), y.cuda()).item() * x.size(0)
            n += x.size(0)
    net.train()
    return total / max(1, n)


def train(net: nn.Module, train_loader, val_loader, epochs=100, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=5, min_lr=1e-6)
    stopper = EarlyStopping(patience=15, verbose=True)
    crit = nn.MSELoss()
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = crit(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
        val_loss = evaluate(net, val_loader, crit)
        prev_lr = opt.param_groups[0]["lr"]
        sched.step(val_loss)
        if opt.param_groups[0]["lr"] < prev_lr:
            print(f"epoch {epoch}: reducing learning rate to {opt.param_groups[0]['lr']:.2e}")
        stopper(val_loss, net)
        if stopper.stop:
            break
