import os

import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, net, opt, train_loader, val_loader, work_dir, device="cuda"):
        self.net = net.to(device)
        self.opt = opt
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.work_dir = work_dir
        self.device = device
        self.best_acc = 0.0
        os.makedirs(work_dir, exist_ok=True)

    def _train_one_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            x, y = x.to(self.device), y.to(self.device)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(x), y)
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        correct = total = 0
        for x, y in self.val_loader:
            x, y = x.to(self.device), y.to(self.device)
            correct += (self.net(x).argmax(1) == y).sum().item()
            total += y.numel()
        self.net.train()
        return correct / max(total, 1)

    def _save_best(self, epoch, acc):
        if acc <= self.best_acc:
            return
        self.best_acc = acc
        torch.save(self.net, os.path.join(self.work_dir, "best_model.pth"))
        print(f"new best {acc:.4f} at epoch {epoch}")

    def run(self, epochs):
        for epoch in range(epochs):
            self._train_one_epoch()
            acc = self._validate()
            self._save_best(epoch, acc)
