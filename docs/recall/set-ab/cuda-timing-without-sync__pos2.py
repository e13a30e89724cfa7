import time

import torch
import torch.nn.functional as F


def train_epoch(net, loader, opt, epoch, device, log_every=50):
    net.train()
    step_t = 0.0
    for it, (x, y) in enumerate(loader):
        x = x.to(device, non_blocking=True)
        y = y.to(device, non_blocking=True)

        tic = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        logits = net(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        opt.step()
        step_t += time.perf_counter() - tic

        if (it + 1) % log_every == 0:
            imgs_per_s = log_every * x.size(0) / step_t
            print(
                f"epoch {epoch} [{it + 1}/{len(loader)}] loss {loss.item():.4f} "
                f"compute {step_t / log_every * 1e3:.1f} ms/it ({imgs_per_s:.0f} img/s)"
            )
            step_t = 0.0
