import torch
import torch.nn.functional as F


def train_one_epoch(net, loader, opt, device, history={}):
    net.train()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = F.nll_loss(net(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * x.size(0)
        n += x.size(0)
    history.setdefault("train_loss", []).append(total / n)
    history.setdefault("lr", []).append(opt.param_groups[0]["lr"])
    return history


def sweep(make_net, loader, lrs, epochs=5, device="cuda"):
    results = {}
    for lr in lrs:
        net = make_net().to(device)
        opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
        for _ in range(epochs):
            hist = train_one_epoch(net, loader, opt, device)
        results[lr] = hist["train_loss"][-1]
        print(f"lr={lr:g}: final loss {results[lr]:.4f} over {len(hist['train_loss'])} epochs")
    return results
