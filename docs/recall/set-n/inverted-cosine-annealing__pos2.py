import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def build_scheduler(optimizer, n_epochs, min_ratio=0.01):
    lr_lambda = lambda e: ((1 - math.cos(e * math.pi / n_epochs)) / 2) * (1 - min_ratio) + min_ratio
    return LambdaLR(optimizer, lr_lambda=lr_lambda)


def main(net, train_loader, val_loader, n_epochs=90):
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-5)
    sched = build_scheduler(opt, n_epochs)
    best = 0.0
    for epoch in range(n_epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.cross_entropy(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()

        net.eval()
        correct = n = 0
        with torch.no_grad():
            for x, y in val_loader:
                correct += (net(x.cuda()).argmax(1) == y.cuda()).sum().item()
                n += y.size(0)
        acc = correct / max(1, n)
        if acc > best:
            best = acc
            torch.save({"model": net.state_dict(), "epoch": epoch}, "best.pt")
        print(f"epoch {epoch} acc {acc:.4f} best {best:.4f} lr {sched.get_last_lr()[0]:.4f}")
