import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, out_dir, epochs=90, lr=0.1):
        self.net = net.cuda()
        self.out_dir = out_dir
        self.epochs = epochs
        self.loader = DataLoader(train_set, batch_size=128, shuffle=True,
                                 num_workers=8, pin_memory=True, drop_last=True)
        self.criterion = nn.CrossEntropyLoss()
        self.opt = torch.optim.SGD(self.net.parameters(), lr=lr,
                                   momentum=0.9, weight_decay=5e-4)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=epochs)
        self.start_epoch = 0

    def save(self, epoch):
        state = {
            "epoch": epoch,
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
            "lr_sched": self.lr_sched.state_dict(),
        }
        torch.save(state, os.path.join(self.out_dir, "last.pth"))

    def resume(self, path):
        state = torch.load(path, map_location="cuda")
        self.net.load_state_dict(state["net"])
        self.opt.load_state_dict(state["opt"])
        self.lr_sched.load_state_dict(state["lr_sched"])
        self.start_epoch = state["epoch"] + 1

    def train_epoch(self):
        self.net.train()
        total = 0.0
        for images, labels in self.loader:
            images = images.cuda(non_blocking=True)
            labels = labels.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(images), labels)
            loss.backward()
            self.opt.step()
            total += loss.item()
        return total / len(self.loader)

    def fit(self):
        os.makedirs(self.out_dir, exist_ok=True)
        for epoch in range(self.start_epoch, self.epochs):
            avg = self.train_epoch()
            self.lr_sched.step()
            print(f"epoch {epoch} loss {avg:.4f} lr {self.lr_sched.get_last_lr()[0]:.5f}")
            self.save(epoch)
