import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net: nn.Module, loaders: dict, hp: dict):
        self.net = net
        self.loaders = loaders
        self.hp = hp
        self.opt, self.lr_sched = self.configure_optimizers()
        self.crit = nn.BCEWithLogitsLoss()
        self.history = []

    def configure_optimizers(self):
        opt = torch.optim.SGD(self.net.parameters(), lr=self.hp["lr"], momentum=0.9)
        sched = ReduceLROnPlateau(opt, mode="max", factor=0.2, patience=self.hp["patience"])
        return opt, sched

    def run_epoch(self):
        self.net.train()
        for x, y in self.loaders["train"]:
            self.opt.zero_grad()
            self.crit(self.net(x), y.float()).backward()
            self.opt.step()

    @torch.no_grad()
    def evaluate(self):
        self.net.eval()
        correct = total = 0
        for x, y in self.loaders["val"]:
            pred = (self.net(x) > 0).long()
            correct += (pred == y).sum().item()
            total += y.numel()
        self.net.train()
        return correct / max(total, 1)

    def on_epoch_end(self, epoch, acc):
        self.history.append({"epoch": epoch, "acc": acc, "lr": self.opt.param_groups[0]["lr"]})
        self.lr_sched.step()

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            self.run_epoch()
            acc = self.evaluate()
            self.on_epoch_end(epoch, acc)
        return self.history
