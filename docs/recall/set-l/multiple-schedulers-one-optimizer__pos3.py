import math

import torch
from torch.optim.lr_scheduler import LambdaLR, ReduceLROnPlateau


def evaluate(net, loader, criterion):
    net.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            total += criterion(net(x.cuda()), y.cuda()).item() * x.size(0)
            n += x.size(0)
    return total / max(n, 1)


def fit(net, train_loader, val_loader, hp):
    optim = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    horizon = hp["epochs"]
    cosine = LambdaLR(optim, lambda e: 0.5 * (1.0 + math.cos(math.pi * min(e, horizon) / horizon)))
    plateau = ReduceLROnPlateau(optim, mode="min", factor=0.5, patience=3)
    criterion = torch.nn.MSELoss()
    best = float("inf")

    for epoch in range(hp["epochs"]):
        net.train()
        for x, y in train_loader:
            optim.zero_grad()
            loss = criterion(net(x.cuda()), y.cuda())
            loss.backward()
            optim.step()
        val_loss = evaluate(net, val_loader, criterion)
        cosine.step()
        plateau.step(val_loss)
        if val_loss < best:
            best = val_loss
            torch.save(net.state_dict(), hp["ckpt"])
        print(f"epoch {epoch} val {val_loss:.5f} lr {optim.param_groups[0]['lr']:.2e}")
    return best
