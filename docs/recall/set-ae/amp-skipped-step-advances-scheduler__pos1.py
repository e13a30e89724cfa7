import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import ImageFolderDataset
from nets import build_net


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--bs", type=int, default=128)
    args = ap.parse_args()

    train_ds = ImageFolderDataset(args.root, split="train")
    train_dl = DataLoader(train_ds, batch_size=args.bs, shuffle=True, num_workers=8,
                          pin_memory=True, drop_last=True)
    net = build_net("convnext_tiny", num_classes=train_ds.num_classes).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    lr_sched = OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs,
                          steps_per_epoch=len(train_dl), pct_start=0.1)
    scaler = torch.amp.GradScaler("cuda")
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        for step, (x, y) in enumerate(train_dl):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = crit(net(x), y)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            lr_sched.step()
            if step % 100 == 0:
                print(f"ep {epoch} step {step} loss {loss.item():.4f} "
                      f"lr {lr_sched.get_last_lr()[0]:.2e} scale {scaler.get_scale():.0f}")


if __name__ == "__main__":
    main()
