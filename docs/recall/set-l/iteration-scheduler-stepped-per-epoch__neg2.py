import logging

import torch
from torch.optim.lr_scheduler import LambdaLR

logger = logging.getLogger("seg")


def poly_factor(max_iter, power=0.9):
    def f(it):
        return max(0.0, 1.0 - it / max_iter) ** power
    return f


def train_iterations(seg_net, loader, max_iter=40000, base_lr=0.01):
    opt = torch.optim.SGD(seg_net.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-4)
    sched = LambdaLR(opt, lr_lambda=poly_factor(max_iter))
    criterion = torch.nn.CrossEntropyLoss(ignore_index=255)

    seg_net.train()
    it = 0
    data_iter = iter(loader)
    while it < max_iter:
        try:
            image, label = next(data_iter)
        except StopIteration:
            data_iter = iter(loader)
            image, label = next(data_iter)
        out = seg_net(image.cuda())
        loss = criterion(out, label.cuda())
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        it += 1
        if it % 100 == 0:
            logger.info("iter %d/%d loss %.4f lr %.6f", it, max_iter, loss.item(), sched.get_last_lr()[0])
    return seg_net
