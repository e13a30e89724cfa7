import itertools

import torch
from torch.optim.lr_scheduler import LambdaLR

MAX_ITER = 40_000
BASE_LR = 0.01
POWER = 0.9
LOG_PERIOD = 20


def poly_factor(it):
    return max(0.0, 1.0 - it / MAX_ITER) ** POWER


def train(segmenter, loader, criterion):
    segmenter.train()
    opt = torch.optim.SGD(segmenter.parameters(), lr=BASE_LR, momentum=0.9, weight_decay=1e-4)
    sched = LambdaLR(opt, lr_lambda=poly_factor)
    data_iter = itertools.cycle(loader)

    it = 0
    while it < MAX_ITER:
        images, labels = next(data_iter)
        images = images.cuda(non_blocking=True)
        labels = labels.cuda(non_blocking=True)
        logits = segmenter(images)
        loss = criterion(logits, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        it += 1
        if it % LOG_PERIOD == 0:
            print(f"iter {it}/{MAX_ITER} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.6f}")
        if it % 5000 == 0:
            torch.save({"model": segmenter.state_dict(), "opt": opt.state_dict(),
                        "sched": sched.state_dict(), "iter": it}, f"iter_{it}.pth")
