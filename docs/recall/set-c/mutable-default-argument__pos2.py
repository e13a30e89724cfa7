import torch
from torch import nn


def train_one_epoch(net, loader, opt, device, history={}):
    net.train()
    crit = nn.CrossEntropyLoss()
    total, correct, n = 0.0, 0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        out = net(x)
        loss = crit(out, y)
        loss.backward()
        opt.step()
        total += loss.item() * y.size(0)
        correct += (out.argmax(1) == y).sum().item()
        n += y.size(0)
    history.setdefault("loss", []).append(total / n)
    history.setdefault("acc", []).append(correct / n)
    return history


def run(net, loader, epochs, lr=0.1, device="cuda"):
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    for ep in range(epochs):
        hist = train_one_epoch(net, loader, opt, device)
        print(f"epoch {ep}: loss {hist['loss'][-1]:.4f} acc {hist['acc'][-1]:.4f}")
    return hist
