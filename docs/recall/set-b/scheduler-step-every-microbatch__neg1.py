import argparse
import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import ImageFolderDataset
from models import build_vit


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=90)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--grad-accum", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    ds = ImageFolderDataset("/data/imagenet/train")
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True, num_workers=10)
    vit = build_vit("vit_small_patch16").cuda()
    opt = torch.optim.AdamW(vit.parameters(), lr=args.lr, weight_decay=0.05)
    updates_per_epoch = math.ceil(len(loader) / args.grad_accum)
    cos = CosineAnnealingLR(opt, T_max=args.epochs * updates_per_epoch)
    crit = torch.nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        vit.train()
        opt.zero_grad()
        for step, (x, y) in enumerate(loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = crit(vit(x), y) / args.grad_accum
            loss.backward()
            if (step + 1) % args.grad_accum == 0 or step + 1 == len(loader):
                torch.nn.utils.clip_grad_norm_(vit.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
                cos.step()
        torch.save({"model": vit.state_dict(), "opt": opt.state_dict(),
                    "sched": cos.state_dict(), "epoch": epoch}, "vit_ckpt.pt")


if __name__ == "__main__":
    main()
