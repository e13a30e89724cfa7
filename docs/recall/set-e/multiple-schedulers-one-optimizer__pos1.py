import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR
from torch.utils.data import DataLoader

from vit import vit_small_patch16
from imagenet import build_train_set


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--warmup-epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--bs", type=int, default=256)
    args = ap.parse_args()

    loader = DataLoader(build_train_set("/datasets/imagenet"), batch_size=args.bs,
                        shuffle=True, num_workers=10, pin_memory=True,
                        drop_last=True)
    net = vit_small_patch16(num_classes=1000).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    warm = LinearLR(opt, start_factor=0.01, total_iters=args.warmup_epochs)
    cosine = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        for imgs, labels in loader:
            imgs, labels = imgs.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = crit(net(imgs), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        warm.step()
        cosine.step()
        print(f"epoch {epoch}: lr {opt.param_groups[0]['lr']:.2e} "
              f"last loss {loss.item():.4f}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "warm": warm.state_dict(), "cosine": cosine.state_dict()},
                   "vit_s16_last.pt")


if __name__ == "__main__":
    main()
