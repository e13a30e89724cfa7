import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR
from torch.utils.data import DataLoader

from datasets import ImageNetSubset
from nets import build_vit


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--warm-epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()

    loader = DataLoader(ImageNetSubset("train"), batch_size=args.batch_size, shuffle=True,
                        num_workers=10, pin_memory=True, drop_last=True)
    net = build_vit("vit_small").cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    warm = LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=args.warm_epochs)
    cosine = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        loss_meter = 0.0
        for imgs, labels in loader:
            imgs, labels = imgs.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = crit(net(imgs), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_meter += loss.item()
        warm.step()
        cosine.step()
        print(f"epoch {epoch} loss {loss_meter / len(loader):.4f} "
              f"lr {opt.param_groups[0]['lr']:.2e}")
        torch.save(net.state_dict(), "vit_small_last.pth")


if __name__ == "__main__":
    main()
