import torch
import torch.nn as nn
from torch.optim import lr_scheduler


def validate(net, loader):
    net.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (net(x).argmax(1) == y).sum().item()
            total += y.size(0)
    return correct / max(1, total)


def main(net, train_loader, val_loader, opt_cfg):
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=opt_cfg.lr, momentum=0.9, weight_decay=opt_cfg.wd)
    sched = lr_scheduler.ReduceLROnPlateau(opt, mode="max", factor=0.1, patience=10)
    for epoch in range(opt_cfg.epochs):
        net.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = crit(net(x), y)
            loss.backward()
            opt.step()
        acc = validate(net, val_loader)
        sched.step()
        print(f"epoch {epoch} val acc {acc:.4f} lr {opt.param_groups[0]['lr']:.2e}")
