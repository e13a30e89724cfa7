import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

from det.data import build_loaders
from det.models import build_model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=36)
    ap.add_argument("--n-warm", type=int, default=3, help="warm-up length in epochs")
    ap.add_argument("--lr", type=float, default=2e-4)
    args = ap.parse_args()

    train_loader, val_loader = build_loaders(shuffle_train=True)
    net = build_model().cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    ramp = LinearLR(opt, start_factor=0.001, total_iters=args.n_warm)
    decay = CosineAnnealingLR(opt, T_max=max(1, args.epochs - args.n_warm))
    lr_sched = SequentialLR(opt, schedulers=[ramp, decay], milestones=[args.n_warm])

    for epoch in range(args.epochs):
        net.train()
        for images, targets in train_loader:
            loss = net(images.cuda(), [t.cuda() for t in targets])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 0.1)
            opt.step()
        lr_sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
