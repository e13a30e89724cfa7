import os

import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP


class SegTrainer:
    def __init__(self, net, train_loader, val_loader, out_dir, lr=0.01):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.out_dir = out_dir
        self.opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
        self.best_miou = 0.0
        self.epoch = 0

    def _bare(self):
        return self.net.module if isinstance(self.net, DDP) else self.net

    def train_one_epoch(self):
        self.net.train()
        for img, mask in self.train_loader:
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(img), mask, ignore_index=255)
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self, metric):
        self.net.eval()
        metric.reset()
        for img, mask in self.val_loader:
            pred = self.net(img.cuda()).argmax(1)
            metric.update(pred, mask.cuda())
        self.net.train()
        return metric.compute()

    def save_best(self, miou):
        if miou <= self.best_miou:
            return
        self.best_miou = miou
        torch.save(
            {"epoch": self.epoch, "model": self._bare().state_dict(), "optimizer": self.opt.state_dict(),
             "miou": miou},
            os.path.join(self.out_dir, "best_model.pth"),
        )

    def export_torchscript(self, example):
        bare = self._bare().eval()
        with torch.no_grad():
            scripted = torch.jit.trace(bare, example)
        torch.jit.save(scripted, os.path.join(self.out_dir, "model_scripted.pt"))
        self.net.train()

    def run(self, epochs, metric):
        for epoch in range(epochs):
            self.epoch = epoch
            self.train_one_epoch()
            self.save_best(self.validate(metric))
