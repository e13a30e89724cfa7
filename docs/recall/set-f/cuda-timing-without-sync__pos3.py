import time
from collections import deque

import torch
import torch.nn.functional as F


class StepTimer:
    def __init__(self, window=50):
        self.samples = deque(maxlen=window)
        self._t = None

    def start(self):
        self._t = time.perf_counter()

    def stop(self):
        self.samples.append(time.perf_counter() - self._t)

    @property
    def avg_ms(self):
        return 1000.0 * sum(self.samples) / max(1, len(self.samples))


def train(net, loader, opt, epochs, log_every=50):
    timer = StepTimer()
    net.cuda().train()
    for epoch in range(epochs):
        for it, (src, tgt) in enumerate(loader):
            src, tgt = src.cuda(non_blocking=True), tgt.cuda(non_blocking=True)
            timer.start()
            opt.zero_grad(set_to_none=True)
            logits = net(src)
            loss = F.cross_entropy(logits.flatten(0, 1), tgt.flatten())
            loss.backward()
            opt.step()
            timer.stop()
            if it % log_every == 0:
                print(f"ep {epoch} it {it}: {timer.avg_ms:.1f} ms/step")
