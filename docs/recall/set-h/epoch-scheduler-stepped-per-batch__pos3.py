import os

import torch
from torch.optim.lr_scheduler import StepLR

from .config import cfg
from .dataset import make_loader
from .model import build_detector


def train():
    net = build_detector(cfg).cuda()
    loader = make_loader(cfg, split="train", shuffle=True)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(
        params, lr=cfg.TRAIN.BASE_LR, momentum=cfg.TRAIN.MOMENTUM, weight_decay=cfg.TRAIN.WD
    )
    # cfg.TRAIN.DECAY_EPOCHS = 8, cfg.TRAIN.MAX_EPOCHS = 12
    lr_sched = StepLR(opt, step_size=cfg.TRAIN.DECAY_EPOCHS, gamma=cfg.TRAIN.GAMMA)

    epoch = 0
    while epoch < cfg.TRAIN.MAX_EPOCHS:
        net.train()
        it = iter(loader)
        n = 0
        while True:
            try:
                images, targets = next(it)
            except StopIteration:
                break
            images = [im.cuda() for im in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = net(images, targets)
            loss = sum(loss_dict.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            n += 1
            if n % cfg.TRAIN.LOG_PERIOD == 0:
                print(f"epoch {epoch} iter {n} loss {loss.item():.4f}")
        torch.save(
            {
                "model": net.state_dict(),
                "optimizer": opt.state_dict(),
                "lr_sched": lr_sched.state_dict(),
                "epoch": epoch,
            },
            os.path.join(cfg.OUTPUT_DIR, "last.pth"),
        )
        epoch += 1
