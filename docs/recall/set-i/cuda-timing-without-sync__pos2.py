import time

import torch
import torch.nn.functional as F


def train_epoch(net, loader, opt, epoch, log_every=20):
    net.train()
    step_time = 0.0
    seen = 0
    for i, (images, targets) in enumerate(loader):
        images = images.cuda(non_blocking=True)
        targets = targets.cuda(non_blocking=True)

        tic = time.perf_counter()
        logits = net(images)
        loss = F.cross_entropy(logits, targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step_time += time.perf_counter() - tic
        seen += images.size(0)

        if (i + 1) % log_every == 0:
            print(f"[{epoch}][{i + 1}/{len(loader)}] loss {loss.item():.4f} "
                  f"throughput {seen / step_time:.1f} img/s")
            step_time, seen = 0.0, 0
