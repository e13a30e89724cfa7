import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ExponentialLR, ReduceLROnPlateau

hp = {"lr": 1e-3, "gamma": 0.97, "patience": 3, "epochs": 150, "min_lr": 1e-6}


def run_epoch(model, loader, loss_fn, opt=None):
    training = opt is not None
    model.train(training)
    total, n = 0.0, 0
    with torch.set_grad_enabled(training):
        for feats, target in loader:
            feats, target = feats.cuda(), target.cuda()
            loss = loss_fn(model(feats), target)
            if training:
                opt.zero_grad()
                loss.backward()
                opt.step()
            total += loss.item() * target.size(0)
            n += target.size(0)
    return total / n


def fit(model, train_loader, val_loader):
    loss_fn = nn.SmoothL1Loss()
    opt = torch.optim.Adam(model.parameters(), lr=hp["lr"])
    decay = ExponentialLR(opt, gamma=hp["gamma"])
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=hp["patience"],
                                min_lr=hp["min_lr"])
    best = float("inf")
    for epoch in range(hp["epochs"]):
        tr = run_epoch(model, train_loader, loss_fn, opt)
        va = run_epoch(model, val_loader, loss_fn)
        decay.step()
        plateau.step(va)
        if va < best:
            best = va
            torch.save(model.state_dict(), "forecaster_best.pt")
        print(f"{epoch:3d} train {tr:.4f} val {va:.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return best
