import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train_epoch(net, loader, opt, crit, device):
    net.train()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = crit(net(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * x.size(0)
        n += x.size(0)
    return total / max(1, n)


def main(net, loader, epochs=90, lr=0.1, device="cuda"):
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    scheduler = StepLR(opt, step_size=30, gamma=0.1)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        avg = train_epoch(net, loader, opt, crit, device)
        scheduler.step(epoch)
        print(f"epoch {epoch}: loss {avg:.4f}, lr {opt.param_groups[0]['lr']:.4f}")
    return net
