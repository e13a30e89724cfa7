import statistics
import time

import torch
from torch import nn


class Trainer:
    def __init__(self, net, loader, lr=0.1, log_every=20):
        self.net = net.cuda()
        self.loader = loader
        self.opt = torch.optim.SGD(self.net.parameters(), lr=lr, momentum=0.9)
        self.crit = nn.CrossEntropyLoss()
        self.log_every = log_every
        self.step_times = []

    def train_epoch(self, epoch):
        self.net.train()
        for it, (x, y) in enumerate(self.loader):
            tic = time.perf_counter()
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.crit(self.net(x), y)
            loss.backward()
            self.opt.step()
            self.step_times.append(time.perf_counter() - tic)
            if it % self.log_every == 0:
                med = statistics.median(self.step_times[-self.log_every:])
                print(f"ep {epoch} it {it} loss {loss.item():.4f} step {med * 1e3:.1f} ms")
