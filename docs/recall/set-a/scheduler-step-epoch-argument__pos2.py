import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


def evaluate(net, loader, device):
    net.eval()
    hits, n = 0, 0
    with torch.no_grad():
        for x, y in loader:
            pred = net(x.to(device)).argmax(dim=1)
            hits += (pred == y.to(device)).sum().item()
            n += y.numel()
    return hits / max(1, n)


def fit(net, train_dl, val_dl, n_epochs=50, lr=3e-4, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    lr_sched = CosineAnnealingLR(opt, T_max=n_epochs, eta_min=1e-6)
    best = 0.0
    for ep in range(n_epochs):
        net.train()
        for x, y in train_dl:
            loss = F.cross_entropy(net(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        acc = evaluate(net, val_dl, device)
        lr_sched.step(epoch=ep)
        if acc > best:
            best = acc
            torch.save(net.state_dict(), "best.pt")
        print(f"[{ep}] val acc {acc:.4f} (best {best:.4f})")
    return best
