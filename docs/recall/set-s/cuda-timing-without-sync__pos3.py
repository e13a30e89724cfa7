import time
from collections import defaultdict

import torch


class StageTimer:
    def __init__(self):
        self.totals = defaultdict(float)
        self.counts = defaultdict(int)

    def timed(self, name, fn, *args, **kwargs):
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        self.totals[name] += time.perf_counter() - start
        self.counts[name] += 1
        return out

    def summary(self):
        return {k: 1e3 * self.totals[k] / self.counts[k] for k in self.totals}


def train(net, loader, opt, criterion, epochs, dev=torch.device("cuda")):
    net.to(dev).train()
    timer = StageTimer()
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(dev, non_blocking=True), y.to(dev, non_blocking=True)
            opt.zero_grad()
            out = timer.timed("forward", net, x)
            loss = criterion(out, y)
            timer.timed("backward", loss.backward)
            timer.timed("step", opt.step)
        print(epoch, {k: f"{v:.2f} ms" for k, v in timer.summary().items()})
