import time

import torch
import torch.nn.functional as F


class AverageMeter:
    def __init__(self):
        self.sum, self.count = 0.0, 0

    def update(self, val, n=1):
        self.sum += val * n
        self.count += n

    @property
    def avg(self):
        return self.sum / max(self.count, 1)


def train_one_epoch(net, loader, opt, epoch, log_every=50):
    net.train()
    batch_time = AverageMeter()
    for it, (x, y) in enumerate(loader):
        t0 = time.perf_counter()
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        dt = time.perf_counter() - t0
        batch_time.update(dt)
        if it % log_every == 0:
            print(f"epoch {epoch} it {it}/{len(loader)} loss {loss.item():.4f} "
                  f"{1000 * batch_time.avg:.1f} ms/it, {x.size(0) / batch_time.avg:.0f} samples/s")
    return batch_time.avg
