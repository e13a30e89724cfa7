import torch
import torch.nn as nn


def train_epoch(net, loader, opt, device, history=None):
    if history is None:
        history = []
    net.train()
    crit = nn.CrossEntropyLoss()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = crit(net(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * x.size(0)
        n += x.size(0)
    history.append(total / max(n, 1))
    return history


def fit(net, loader, epochs, lr=0.01, device="cuda"):
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    hist = []
    for epoch in range(epochs):
        train_epoch(net, loader, opt, device, history=hist)
        print(f"epoch {epoch}: loss {hist[-1]:.4f} (best {min(hist):.4f})")
    return net
