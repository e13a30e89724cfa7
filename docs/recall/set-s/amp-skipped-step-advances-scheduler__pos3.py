import math

import torch
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def build_schedule(opt, args, iters_per_epoch):
    n_warm = args.n_warm * iters_per_epoch
    total = args.epochs * iters_per_epoch
    ramp = LinearLR(opt, start_factor=0.01, total_iters=n_warm)
    decay = CosineAnnealingLR(opt, T_max=total - n_warm, eta_min=args.min_lr)
    return SequentialLR(opt, [ramp, decay], milestones=[n_warm])


def main(args, net, loader, loss_fn):
    net = net.cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    lr_schedule = build_schedule(opt, args, len(loader))
    grad_scaler = GradScaler(init_scale=2.0 ** 14)

    it = 0
    total_iters = args.epochs * len(loader)
    data = iter(loader)
    net.train()
    while it < total_iters:
        try:
            src, tgt = next(data)
        except StopIteration:
            data = iter(loader)
            src, tgt = next(data)
        with autocast():
            loss = loss_fn(net(src.cuda()), tgt.cuda())
        if not math.isfinite(loss.item()):
            print(f"non-finite loss at iter {it}")
        opt.zero_grad()
        grad_scaler.scale(loss).backward()
        grad_scaler.step(opt)
        grad_scaler.update()
        lr_schedule.step()
        it += 1
