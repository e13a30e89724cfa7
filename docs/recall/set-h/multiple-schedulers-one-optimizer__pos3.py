import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR, ReduceLROnPlateau


def evaluate(net, loader):
    net.eval()
    tot, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            tot += nn.functional.l1_loss(net(x.cuda()), y.cuda(), reduction="sum").item()
            n += y.numel()
    net.train()
    return tot / n


def train(net, train_dl, val_dl, n_epochs=40, peak_lr=3e-3):
    opt = torch.optim.Adam(net.parameters(), lr=peak_lr)
    one_cycle = OneCycleLR(opt, max_lr=peak_lr, epochs=n_epochs, steps_per_epoch=len(train_dl))
    on_plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=3)

    net.cuda().train()
    best = float("inf")
    for ep in range(n_epochs):
        for x, y in train_dl:
            pred = net(x.cuda())
            loss = nn.functional.l1_loss(pred, y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            one_cycle.step()
        val_mae = evaluate(net, val_dl)
        on_plateau.step(val_mae)
        if val_mae < best:
            best = val_mae
            torch.save(net.state_dict(), "best.pt")
        print(f"ep {ep:02d} val_mae {val_mae:.4f} best {best:.4f}")
    return best
