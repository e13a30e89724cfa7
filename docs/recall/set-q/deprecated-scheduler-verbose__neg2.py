import logging

import torch
from torch.optim.lr_scheduler import StepLR

logger = logging.getLogger(__name__)


def build_scheduler(opt, cfg, verbose=False):
    sched = StepLR(opt, step_size=cfg["step"], gamma=cfg.get("gamma", 0.1))
    if verbose:
        logger.info("StepLR: step_size=%d gamma=%.3f", cfg["step"], cfg.get("gamma", 0.1))
    return sched


def main(net, loader, cfg):
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9)
    sched = build_scheduler(opt, cfg, verbose=True)
    for epoch in range(cfg["epochs"]):
        net.train()
        for batch in loader:
            loss = net.compute_loss(batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        logger.info("epoch %d lr %.6f", epoch, sched.get_last_lr()[0])
