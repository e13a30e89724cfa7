import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def train(net, loader, cfg):
    """cfg.TRAIN.WARM and cfg.TRAIN.EPOCHS are both in epochs; we step per epoch."""
    net.cuda()
    opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9,
                          weight_decay=cfg.TRAIN.WD)
    n_warm = cfg.TRAIN.WARM
    ramp = LinearLR(opt, start_factor=0.1, total_iters=n_warm)
    body = CosineAnnealingLR(opt, T_max=max(1, cfg.TRAIN.EPOCHS - n_warm))
    lr_sched = SequentialLR(opt, schedulers=[ramp, body], milestones=[n_warm])
    crit = nn.CrossEntropyLoss()

    for epoch in range(cfg.TRAIN.EPOCHS):
        net.train()
        for imgs, labels in loader:
            loss = crit(net(imgs.cuda()), labels.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(f"epoch {epoch}: lr {lr_sched.get_last_lr()[0]:.5f}")
    return net
