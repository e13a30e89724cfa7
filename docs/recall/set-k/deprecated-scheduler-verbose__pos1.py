import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


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
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=5, min_lr=1e-6, verbose=True)
    crit = nn.MSELoss()
    best = float("inf")
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = crit(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
        val_loss = evaluate(net, val_loader, crit)
        sched.step(val_loss)
        if val_loss < best:
            best = val_loss
            torch.save(net.state_dict(), "best.pt")
        print(f"epoch {epoch} val {val_loss:.5f} best {best:.5f}")
