import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def evaluate(net, loader):
    net.eval()
    hits = n = 0
    for x, y in loader:
        hits += (net(x).argmax(dim=1) == y).sum().item()
        n += y.numel()
    net.train()
    return hits / max(1, n)


def fit(net, train_loader, val_loader, epochs=60, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    plateau = ReduceLROnPlateau(opt, mode="max", factor=0.5, patience=3, min_lr=1e-6, verbose=True)
    best = 0.0
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        acc = evaluate(net, val_loader)
        plateau.step(acc)
        if acc > best:
            best = acc
            torch.save(net.state_dict(), "best.pt")
        print(f"epoch {epoch} val_acc {acc:.4f} best {best:.4f}")
