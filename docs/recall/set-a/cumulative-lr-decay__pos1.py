import math

import torch


class CosineDecay:
    """Per-epoch cosine decay from the optimizer's initial LR down to lr * min_ratio."""

    def __init__(self, optimizer, total_epochs, min_ratio=0.05):
        self.optimizer = optimizer
        self.total = max(1, total_epochs)
        self.min_ratio = min_ratio
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        t = min(self.epoch, self.total)
        cos_f = (1 + math.cos(math.pi * t / self.total)) / 2
        self.base_lr = self.base_lr * (cos_f * (1 - self.min_ratio) + self.min_ratio)
        for g in self.optimizer.param_groups:
            g["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"epoch": self.epoch, "base_lr": self.base_lr}

    def load_state_dict(self, sd):
        self.epoch = sd["epoch"]
        self.base_lr = sd["base_lr"]


def fit(net, train_loader, epochs, lr=0.1, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = CosineDecay(opt, epochs)
    loss_fn = torch.nn.CrossEntropyLoss()
    for ep in range(epochs):
        net.train()
        for imgs, labels in train_loader:
            imgs, labels = imgs.to(device), labels.to(device)
            out = net(imgs)
            loss = loss_fn(out, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        cur = lr_sched.step()
        print(f"[{ep + 1}/{epochs}] loss={loss.item():.4f} lr={cur:.5f}")
    return net
