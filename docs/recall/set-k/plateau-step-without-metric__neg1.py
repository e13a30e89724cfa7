import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


def validate(net, loader, crit):
    net.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            total += crit(net(x.cuda()), y.cuda()).item()
            n += 1
    return total / max(1, n)


def train(net: nn.Module, train_loader, val_loader, epochs=60, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-5)
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.1, patience=4)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = crit(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
        val_loss = validate(net, val_loader, crit)
        sched.step(val_loss)
        print(f"epoch {epoch} train {loss.item():.4f} val {val_loss:.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return net
