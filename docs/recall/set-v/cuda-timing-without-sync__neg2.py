import time

import torch
import torch.nn.functional as F


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


def train_one_epoch(net, loader, opt, epoch, log_every=50):
    net.train()
    dt_total, n = 0.0, 0
    for it, (x, y) in enumerate(loader):
        t0 = time_sync()
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        dt = time_sync() - t0
        dt_total += dt
        n += 1
        if it % log_every == 0:
            print(f"epoch {epoch} it {it} loss {loss.item():.4f} {1000 * dt_total / n:.1f} ms/it")
    return dt_total / max(n, 1)
