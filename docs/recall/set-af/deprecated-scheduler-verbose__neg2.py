import numpy as np
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class EarlyStopping:
    """Stops training when the validation loss has not improved for `patience` epochs."""

    def __init__(self, patience=7, delta=0.0, path="checkpoint.pt", verbose=False):
        self.patience = patience
        self.delta = delta
        self.path = path
        self.verbose = verbose
        self.counter = 0
        self.best = np.inf
        self.stop = False

    def __call__(self, val_loss, model):
        if val_loss < self.best - self.delta:
            if self.verbose:
                print(f"val loss improved ({self.best:.6f} -> {val_loss:.6f}), saving")
            self.best = val_loss
            torch.save(model.state_dict(), self.path)
            self.counter = 0
        else:
            self.counter += 1
            self.stop = self.counter >= self.patience


def fit(net, train_loader, validate, epochs=200, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    sched = CosineAnnealingLR(opt, T_max=epochs, eta_min=1e-6)
    stopper = EarlyStopping(patience=20, verbose=True)
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.mse_loss(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        val_loss = validate(net)
        stopper(val_loss, net)
        if stopper.stop:
            break
    return net
