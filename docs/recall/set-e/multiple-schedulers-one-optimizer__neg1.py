import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader

from vit import vit_base_patch16
from imagenet import build_train_set


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--warm", type=int, default=10)
    ap.add_argument("--lr", type=float, default=5e-4)
    args = ap.parse_args()

    loader = DataLoader(build_train_set("/datasets/imagenet"), batch_size=128,
                        shuffle=True, num_workers=10, drop_last=True)
    net = vit_base_patch16(num_classes=1000).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    warm = LinearLR(opt, start_factor=0.01, total_iters=args.warm)
    main_sched = CosineAnnealingLR(opt, T_max=max(1, args.epochs - args.warm),
                                   eta_min=1e-6)
    sched = SequentialLR(opt, schedulers=[warm, main_sched],
                         milestones=[args.warm])
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        for imgs, labels in loader:
            imgs, labels = imgs.cuda(), labels.cuda()
            loss = crit(net(imgs), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.2e}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict()}, "vit_b16_last.pt")


if __name__ == "__main__":
    main()
