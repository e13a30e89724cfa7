import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def train_one_epoch(net, loader, opt, device):
    net.train()
    total = torch.zeros((), device=device)
    count = 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(net(x), y)
        loss.backward()
        opt.step()
        total += loss.detach() * x.size(0)
        count += x.size(0)
    return (total / max(count, 1)).item()


@torch.no_grad()
def validate(net, loader, device):
    net.eval()
    val_loss = 0.0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        val_loss += F.mse_loss(net(x), y, reduction="sum")
    return float(val_loss) / len(loader.dataset)


def fit(net, train_set, val_set, epochs=40, lr=1e-3, device="cuda"):
    net.to(device)
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=256, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    for epoch in range(epochs):
        tr = train_one_epoch(net, train_loader, opt, device)
        va = validate(net, val_loader, device)
        print(f"epoch {epoch}: train {tr:.4f} val {va:.4f}")
