import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, args):
        self.args = args
        self.net = net.cuda()
        self.opt = torch.optim.SGD(self.net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
        self.sched = StepLR(self.opt, step_size=args.step_size, gamma=0.1)
        self.loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                                 num_workers=8, pin_memory=True)
        self.loss_fn = nn.CrossEntropyLoss()
        self.epoch = 0

    def state_dict(self):
        return {
            "epoch": self.epoch,
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
            "sched": self.sched.state_dict(),
        }

    def save(self, path):
        torch.save(self.state_dict(), path)

    def resume(self, path):
        ckpt = torch.load(path, map_location="cuda")
        self.net.load_state_dict(ckpt["net"])
        self.opt.load_state_dict(ckpt["opt"])
        self.sched.load_state_dict(ckpt["sched"])
        self.epoch = ckpt["epoch"] + 1

    def run(self):
        os.makedirs(self.args.out, exist_ok=True)
        while self.epoch < self.args.epochs:
            self.net.train()
            for inputs, labels in self.loader:
                inputs, labels = inputs.cuda(non_blocking=True), labels.cuda(non_blocking=True)
                self.opt.zero_grad()
                loss = self.loss_fn(self.net(inputs), labels)
                loss.backward()
                self.opt.step()
            self.sched.step()
            self.save(os.path.join(self.args.out, "last.pth"))
            self.epoch += 1
