import numpy as np
import torch
from torch.optim.lr_scheduler import StepLR


class EarlyStopping:
    """Stop training when the validation loss has not improved for `patience` epochs."""

    def __init__(self, patience=7, delta=0.0, verbose=False, path="checkpoint.pt"):
        self.patience = patience
        self.delta = delta
        self.verbose = verbose
        self.path = path
        self.counter = 0
        self.best = np.inf
        self.early_stop = False

    def __call__(self, val_loss, model):
        if val_loss < self.best - self.delta:
            if self.verbose:
                print(f"Validation loss decreased ({self.best:.6f} --> {val_loss:.6f}). Saving model ...")
            self.best = val_loss
            torch.save(model.state_dict(), self.path)
            self.counter = 0
        else:
            self.counter += 1
            self.early_stop = self.counter >= self.patience


def fit(model, train_loader, val_fn, epochs=200):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = StepLR(opt, step_size=20, gamma=0.5)
    stopper = EarlyStopping(patience=10, verbose=True)
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            torch.nn.functional.mse_loss(model(x), y).backward()
            opt.step()
        sched.step()
        stopper(val_fn(model), model)
        if stopper.early_stop:
            break
