import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def build_scheduler(optimizer, epochs, eta_min=0.05):
    def cosine(t):
        return ((1 - math.cos(t * math.pi / epochs)) / 2) * (1 - eta_min) + eta_min

    return LambdaLR(optimizer, lr_lambda=cosine)


def main(net, train_loader, val_loader, epochs=100):
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    sched = build_scheduler(opt, epochs)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = criterion(net(x), y)
            loss.backward()
            opt.step()
        sched.step()

        net.eval()
        correct = total = 0
        with torch.no_grad():
            for x, y in val_loader:
                correct += (net(x).argmax(dim=1) == y).sum().item()
                total += y.size(0)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.4f} acc {correct / total:.4f}")
