import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

from engine import evaluate, train_one_epoch
from models import build_vit
from datasets import build_loaders


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--n-warm", type=int, default=5)
    ap.add_argument("--lr", type=float, default=5e-4)
    args = ap.parse_args()
    assert args.epochs > args.n_warm, "warm-up must be shorter than training"

    train_loader, val_loader = build_loaders("/datasets/imagenet", batch_size=256)
    net = build_vit("vit_small_patch16_224", num_classes=1000).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    lr_sched = SequentialLR(
        opt,
        schedulers=[
            LinearLR(opt, start_factor=0.01, total_iters=args.n_warm),
            CosineAnnealingLR(opt, T_max=args.epochs - args.n_warm, eta_min=1e-6),
        ],
        milestones=[args.n_warm],
    )

    for epoch in range(args.epochs):
        train_one_epoch(net, train_loader, opt, epoch)
        lr_sched.step()
        top1 = evaluate(net, val_loader)
        print(f"epoch {epoch}: top1 {top1:.2f} lr {lr_sched.get_last_lr()[0]:.2e}")
        torch.save({"model": net.state_dict(), "opt": opt.state_dict(),
                    "sched": lr_sched.state_dict(), "epoch": epoch}, "checkpoint.pth")


if __name__ == "__main__":
    main()
