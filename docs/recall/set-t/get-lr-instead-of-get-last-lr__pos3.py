import logging

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

logger = logging.getLogger(__name__)


def report_lrs(sched, epoch):
    for i, lr in enumerate(sched.get_lr()):
        logger.info("epoch %d group %d lr %.3e", epoch, i, lr)


def train(net, loader, hp):
    decay, no_decay = [], []
    for name, p in net.named_parameters():
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": hp["wd"]}, {"params": no_decay, "weight_decay": 0.0}],
        lr=hp["lr"],
    )
    sched = CosineAnnealingLR(opt, T_max=hp["epochs"], eta_min=hp["lr"] * 1e-2)
    for epoch in range(hp["epochs"]):
        net.train()
        for feats, labels in loader:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(feats), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        report_lrs(sched, epoch)
