import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR, ReduceLROnPlateau


def evaluate(regressor, loader, device):
    regressor.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for feats, target in loader:
            pred = regressor(feats.to(device))
            total += nn.functional.l1_loss(pred, target.to(device), reduction="sum").item()
            n += target.numel()
    regressor.train()
    return total / n


def fit(regressor, train_loader, val_loader, n_epochs=40, peak=3e-3, device="cuda"):
    regressor.to(device)
    optim = torch.optim.AdamW(regressor.parameters(), lr=peak, weight_decay=1e-4)
    one_cycle = OneCycleLR(optim, max_lr=peak, epochs=n_epochs, steps_per_epoch=len(train_loader))
    plateau = ReduceLROnPlateau(optim, mode="min", factor=0.5, patience=3)
    loss_fn = nn.SmoothL1Loss()

    best = float("inf")
    for ep in range(n_epochs):
        regressor.train()
        for feats, target in train_loader:
            feats, target = feats.to(device), target.to(device)
            optim.zero_grad()
            loss = loss_fn(regressor(feats), target)
            loss.backward()
            optim.step()
            one_cycle.step()

        val_mae = evaluate(regressor, val_loader, device)
        plateau.step(val_mae)
        if val_mae < best:
            best = val_mae
            torch.save(regressor.state_dict(), "best_regressor.pt")
        print(f"ep {ep:02d} val_mae {val_mae:.4f} best {best:.4f}")
    return best
