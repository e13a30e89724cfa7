import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def validate(net, loader, device):
    net.eval()
    total, n = 0.0, 0
    for x, y in loader:
        out = net(x.to(device))
        total += torch.nn.functional.mse_loss(out, y.to(device), reduction="sum").item()
        n += y.numel()
    return total / max(1, n)


def train(net, train_loader, val_loader, device="cuda", epochs=100, lr=1e-3):
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.1, patience=10)
    best = float("inf")
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.mse_loss(net(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        val_loss = validate(net, val_loader, device)
        sched.step(val_loss)
        if val_loss < best:
            best = val_loss
            torch.save(net.state_dict(), "best.pt")
        print(f"epoch {epoch} val {val_loss:.5f} lr {opt.param_groups[0]['lr']:.1e}")
