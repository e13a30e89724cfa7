import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def get_parser():
    p = argparse.ArgumentParser("self-supervised pretraining")
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.03)
    p.add_argument("--bs", type=int, default=256)
    p.add_argument("--resume_epoch", type=int, default=0)
    return p


def run(encoder, loader, contrastive_loss):
    args = get_parser().parse_args()
    opt = torch.optim.SGD(encoder.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=0.0)
    ep = args.resume_epoch
    while ep < args.epochs:
        encoder.train()
        running = 0.0
        for step, ((v1, v2), _) in enumerate(loader):
            z1 = encoder(v1.cuda(non_blocking=True))
            z2 = encoder(v2.cuda(non_blocking=True))
            loss = contrastive_loss(z1, z2)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        ep += 1
        lr_sched.step(epoch=ep)
        print(f"epoch {ep} loss {running / max(1, len(loader)):.4f} lr {lr_sched.get_last_lr()[0]:.4f}")
    return encoder
