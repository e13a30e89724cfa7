import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


class EarlyStopping:
    def __init__(self, patience=20, min_delta=0.0, verbose=False):
        self.patience = patience
        self.min_delta = min_delta
        self.verbose = verbose
        self.best = float("inf")
        self.bad_epochs = 0

    def __call__(self, value):
        if value < self.best - self.min_delta:
            self.best = value
            self.bad_epochs = 0
        else:
            self.bad_epochs += 1
            if self.verbose:
                print(f"EarlyStopping: {self.bad_epochs}/{self.patience}")
        return self.bad_epochs >= self.patience


@torch.no_grad()
def validate(net, loader):
    net.eval()
    losses = [torch.nn.functional.mse_loss(net(x), y).item() for x, y in loader]
    return sum(losses) / max(1, len(losses))


def fit(net, train_loader, val_loader, epochs=200, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=10, min_lr=1e-6)
    stopper = EarlyStopping(patience=25, verbose=True)
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.mse_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        val_loss = validate(net, val_loader)
        plateau.step(val_loss)
        print(f"epoch {epoch}: val {val_loss:.5f} lr {opt.param_groups[0]['lr']:.2e}")
        if stopper(val_loss):
            break
