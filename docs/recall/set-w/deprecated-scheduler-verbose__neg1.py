import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


class EarlyStopping:
    """Stop training when the validation loss has not improved for ``patience`` epochs."""

    def __init__(self, patience=10, min_delta=0.0, verbose=False):
        self.patience = patience
        self.min_delta = min_delta
        self.verbose = verbose
        self.best = float("inf")
        self.bad_epochs = 0

    def __call__(self, val_loss):
        if val_loss < self.best - self.min_delta:
            self.best = val_loss
            self.bad_epochs = 0
        else:
            self.bad_epochs += 1
            if self.verbose:
                print(f"EarlyStopping counter: {self.bad_epochs} out of {self.patience}")
        return self.bad_epochs >= self.patience


def fit(net: nn.Module, train_dl, val_dl, epochs=200, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=4)
    stopper = EarlyStopping(patience=12, verbose=True)
    crit = nn.MSELoss()
    for ep in range(epochs):
        net.train()
        for x, y in train_dl:
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            val = sum(crit(net(x), y).item() for x, y in val_dl) / max(1, len(val_dl))
        sched.step(val)
        print(f"ep {ep}: val {val:.5f} lr {opt.param_groups[0]['lr']:.2e}")
        if stopper(val):
            break
    return net
