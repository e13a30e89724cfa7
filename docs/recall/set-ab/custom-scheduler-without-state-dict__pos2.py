import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from datasets.cityscapes import Cityscapes
from networks import DeepLabV3


class PolyWithWarmup:
    def __init__(self, opt, max_epochs, warm_epochs=5, power=0.9, warm_factor=0.1):
        self.opt = opt
        self.max_epochs = max_epochs
        self.warm_epochs = warm_epochs
        self.power = power
        self.warm_factor = warm_factor
        self.initial = [g["lr"] for g in opt.param_groups]
        self.epoch = 0
        self._set()

    def factor(self):
        if self.epoch < self.warm_epochs:
            alpha = self.epoch / self.warm_epochs
            return self.warm_factor * (1 - alpha) + alpha
        frac = min(self.epoch, self.max_epochs) / self.max_epochs
        return (1 - frac) ** self.power

    def _set(self):
        f = self.factor()
        for g, lr0 in zip(self.opt.param_groups, self.initial):
            g["lr"] = lr0 * f

    def step(self):
        self.epoch += 1
        self._set()


def train(cfg):
    dev = torch.device("cuda")
    seg_net = DeepLabV3(num_classes=19, backbone=cfg["backbone"]).to(dev)
    opt = torch.optim.SGD(seg_net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=1e-4)
    lr_sched = PolyWithWarmup(opt, max_epochs=cfg["epochs"], warm_epochs=cfg["warm"])
    loader = DataLoader(Cityscapes(cfg["root"], split="train"), batch_size=cfg["bs"],
                        shuffle=True, num_workers=8, drop_last=True)
    ce = nn.CrossEntropyLoss(ignore_index=255)

    for epoch in range(cfg["epochs"]):
        seg_net.train()
        for i, (img, mask) in enumerate(loader):
            img, mask = img.to(dev), mask.to(dev)
            out = seg_net(img)
            loss = ce(out, mask)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if i % 50 == 0:
                print(f"ep {epoch} it {i} loss {loss.item():.3f} lr {opt.param_groups[0]['lr']:.5f}")
        lr_sched.step()
