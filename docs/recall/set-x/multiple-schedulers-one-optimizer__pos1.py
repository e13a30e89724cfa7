import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR

from engine import evaluate, train_one_epoch
from models import build_vit
from datasets import build_loaders


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--warmup-epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--data", default="/datasets/imagenet")
    return ap.parse_args()


def main():
    args = get_args()
    train_loader, val_loader = build_loaders(args.data, batch_size=256)
    net = build_vit("vit_small_patch16_224", num_classes=1000).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    warm = LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=args.warmup_epochs)
    cosine = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)

    best = 0.0
    for epoch in range(args.epochs):
        train_one_epoch(net, train_loader, opt, epoch)
        warm.step()
        cosine.step()
        top1 = evaluate(net, val_loader)
        if top1 > best:
            best = top1
            torch.save({"model": net.state_dict(), "epoch": epoch}, "checkpoint_best.pth")
        print(f"epoch {epoch}: top1 {top1:.2f} (best {best:.2f}) lr {opt.param_groups[0]['lr']:.2e}")


if __name__ == "__main__":
    main()
