import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def val_loss(net, loader, crit):
    net.eval()
    total, n = 0.0, 0
    for x, y in loader:
        total += crit(net(x), y).item() * y.size(0)
        n += y.size(0)
    net.train()
    return total / max(1, n)


def train(net, loader, val_loader, epochs=50, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-5)
    reducer = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=10, min_lr=1e-6)
    crit = torch.nn.MSELoss()
    for epoch in range(epochs):
        net.train()
        for step, (x, y) in enumerate(loader):
            loss = crit(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        v = val_loss(net, val_loader, crit)
        reducer.step(v)
        print(f"epoch {epoch}: val {v:.5f} lr {opt.param_groups[0]['lr']:.2e}")
    return net
