import logging

import torch

logger = logging.getLogger(__name__)


def warmup_lr(optimizer, cur_iter, cfg):
    """Linear warm-up from WARM_FACTOR * base LR to the base LR over WARM iterations."""
    if cur_iter >= cfg.TRAIN.WARM:
        return
    alpha = (cur_iter + 1) / cfg.TRAIN.WARM
    factor = cfg.TRAIN.WARM_FACTOR * (1 - alpha) + alpha
    for group in optimizer.param_groups:
        group["lr"] *= factor


def do_train(cfg, net, data_loader, device):
    optimizer = torch.optim.SGD(
        net.parameters(), lr=cfg.TRAIN.BASE_LR, momentum=0.9, weight_decay=cfg.TRAIN.WEIGHT_DECAY
    )
    max_iter = cfg.TRAIN.MAX_ITER
    it = 0
    data_iter = iter(data_loader)
    net.train()
    while it < max_iter:
        try:
            images, targets = next(data_iter)
        except StopIteration:
            data_iter = iter(data_loader)
            images, targets = next(data_iter)
        warmup_lr(optimizer, it, cfg)
        loss_dict = net(images.to(device), [t.to(device) for t in targets])
        losses = sum(loss_dict.values())
        optimizer.zero_grad()
        losses.backward()
        optimizer.step()
        it += 1
        if it % 20 == 0:
            logger.info("iter %d loss %.4f lr %.6f", it, losses.item(), optimizer.param_groups[0]["lr"])
