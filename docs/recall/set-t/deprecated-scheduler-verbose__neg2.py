import numpy as np
import torch
from torch.optim.lr_scheduler import OneCycleLR


class EarlyStopping:
    def __init__(self, patience=7, delta=0.0, verbose=False, path="checkpoint.pt"):
        self.patience = patience
        self.delta = delta
        self.verbose = verbose
        self.path = path
        self.counter = 0
        self.best = np.inf
        self.stop = False

    def __call__(self, val_loss, model):
        if val_loss < self.best - self.delta:
            if self.verbose:
                print(f"val loss {self.best:.5f} -> {val_loss:.5f}, saving")
            self.best = val_loss
            self.counter = 0
            torch.save(model.state_dict(), self.path)
        else:
            self.counter += 1
            self.stop = self.counter >= self.patience


def train(model, loader, validate, epochs=40, max_lr=3e-3):
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr)
    sched = OneCycleLR(opt, max_lr=max_lr, total_steps=epochs * len(loader), pct_start=0.3)
    stopper = EarlyStopping(patience=10, verbose=True)
    for epoch in range(epochs):
        model.train()
        for x, y in loader:
            loss = torch.nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        stopper(validate(model), model)
        if stopper.stop:
            break
