import math

import torch


class CosineDecay:
    """Epoch-level cosine decay from the optimizer's LR down to `floor`."""

    def __init__(self, opt, epochs, floor=1e-5):
        self.opt = opt
        self.epochs = epochs
        self.floor = floor
        self.lr = opt.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        t = min(self.epoch, self.epochs)
        cos_factor = 0.5 * (1.0 + math.cos(math.pi * t / self.epochs))
        self.lr = self.floor + (self.lr - self.floor) * cos_factor
        for g in self.opt.param_groups:
            g["lr"] = self.lr
        return self.lr

    def state_dict(self):
        return {"lr": self.lr, "epoch": self.epoch}

    def load_state_dict(self, sd):
        self.lr = sd["lr"]
        self.epoch = sd["epoch"]


def fit(net, train_dl, val_fn, epochs=100):
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    decay = CosineDecay(opt, epochs)
    for ep in range(epochs):
        net.train()
        for x, y in train_dl:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr = decay.step()
        print(ep, lr, val_fn(net))
