import time

import torch
import torch.nn as nn


class Trainer:
    def __init__(self, net, loader, lr=0.01, log_every=50):
        self.net = net.cuda()
        self.loader = loader
        self.log_every = log_every
        self.opt = torch.optim.SGD(self.net.parameters(), lr=lr, momentum=0.9)
        self.crit = nn.CrossEntropyLoss()
        self.step_times = []

    def _step(self, images, target):
        self.opt.zero_grad(set_to_none=True)
        loss = self.crit(self.net(images), target)
        loss.backward()
        self.opt.step()
        return loss

    def train_epoch(self, epoch):
        self.net.train()
        for i, (images, target) in enumerate(self.loader):
            images = images.cuda(non_blocking=True)
            target = target.cuda(non_blocking=True)
            tic = time.perf_counter()
            loss = self._step(images, target)
            step_ms = (time.perf_counter() - tic) * 1000.0
            self.step_times.append(step_ms)
            if i % self.log_every == 0:
                avg_ms = sum(self.step_times[-self.log_every:]) / len(self.step_times[-self.log_every:])
                print(f"epoch {epoch} [{i}/{len(self.loader)}] loss {loss.item():.4f} step {avg_ms:.1f} ms")
