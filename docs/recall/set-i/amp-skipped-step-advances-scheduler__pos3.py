import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def train_with_accumulation(net, loader, cfg):
    opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
    updates_per_epoch = max(1, len(loader) // cfg.accum)
    lr_sched = CosineAnnealingLR(opt, T_max=cfg.epochs * updates_per_epoch)
    scaler = torch.cuda.amp.GradScaler()

    for epoch in range(cfg.epochs):
        net.train()
        opt.zero_grad(set_to_none=True)
        for it, (x, y) in enumerate(loader):
            with torch.autocast("cuda", dtype=torch.float16):
                loss = net.compute_loss(x.cuda(), y.cuda()) / cfg.accum
            scaler.scale(loss).backward()
            if (it + 1) % cfg.accum != 0:
                continue
            scaler.unscale_(opt)
            torch.nn.utils.clip_grad_norm_(net.parameters(), cfg.max_norm)
            scaler.step(opt)
            scaler.update()
            opt.zero_grad(set_to_none=True)
            lr_sched.step()
