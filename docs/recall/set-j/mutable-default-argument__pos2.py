import json

import torch
import torch.nn.functional as F


def log_metrics(step, metrics, history={}):
    for name, value in metrics.items():
        history.setdefault(name, []).append((step, float(value)))
    return history


def evaluate(net, loader, device):
    net.eval()
    loss_sum, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            out = net(x)
            loss_sum += F.cross_entropy(out, y, reduction="sum").item()
            correct += (out.argmax(1) == y).sum().item()
            n += y.size(0)
    net.train()
    return {"loss": loss_sum / n, "acc": correct / n}


def train(net, train_loader, val_loader, epochs, lr, device="cuda", log_path="metrics.json"):
    net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    for epoch in range(epochs):
        net.train()
        seen, loss_sum = 0, 0.0
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * y.size(0)
            seen += y.size(0)
        train_log = log_metrics(epoch, {"loss": loss_sum / seen})
        val_log = log_metrics(epoch, evaluate(net, val_loader, device))
    with open(log_path, "w") as f:
        json.dump({"train": train_log, "val": val_log}, f, indent=2)
