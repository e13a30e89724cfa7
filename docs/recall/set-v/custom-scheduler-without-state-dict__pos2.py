import torch
from torch import nn


class PolyLRScheduler:
    def __init__(self, opt, max_iter, power=0.9, min_lr=1e-6):
        self.opt = opt
        self.max_iter = max_iter
        self.power = power
        self.min_lr = min_lr
        self.initial = [pg["lr"] for pg in opt.param_groups]
        self.cur_iter = 0

    def step(self):
        self.cur_iter = min(self.cur_iter + 1, self.max_iter)
        factor = (1 - self.cur_iter / self.max_iter) ** self.power
        for pg, lr0 in zip(self.opt.param_groups, self.initial):
            pg["lr"] = max(lr0 * factor, self.min_lr)

    def current(self):
        return [pg["lr"] for pg in self.opt.param_groups]


def train_segmentation(net, loader, epochs, lr=0.01, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    poly = PolyLRScheduler(opt, max_iter=epochs * len(loader))
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    net.train()
    for epoch in range(epochs):
        for i, (images, labels) in enumerate(loader):
            images, labels = images.to(device), labels.to(device)
            opt.zero_grad()
            loss = criterion(net(images), labels)
            loss.backward()
            opt.step()
            poly.step()
            if i % 50 == 0:
                print(f"[{epoch}/{i}] loss={loss.item():.4f} lr={poly.current()[0]:.6f}")
    return net
