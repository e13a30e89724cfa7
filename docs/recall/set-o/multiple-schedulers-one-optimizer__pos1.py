import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR
from torch.utils.data import DataLoader

from vit import vit_small
from data import build_dataset


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--warmup-epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()

    train_set = build_dataset(is_train=True)
    val_set = build_dataset(is_train=False)
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                              num_workers=8, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=args.batch_size, num_workers=8)

    model = vit_small(num_classes=1000).cuda()
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    warmup = LinearLR(optimizer, start_factor=0.01, total_iters=args.warmup_epochs)
    cosine = CosineAnnealingLR(optimizer, T_max=args.epochs, eta_min=1e-6)

    for epoch in range(args.epochs):
        model.train()
        for images, target in train_loader:
            images, target = images.cuda(non_blocking=True), target.cuda(non_blocking=True)
            loss = criterion(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        warmup.step()
        cosine.step()

        model.eval()
        correct = 0
        with torch.no_grad():
            for images, target in val_loader:
                out = model(images.cuda(non_blocking=True))
                correct += (out.argmax(1).cpu() == target).sum().item()
        print(f"epoch {epoch} top1 {100.0 * correct / len(val_set):.2f} "
              f"lr {optimizer.param_groups[0]['lr']:.2e}")


if __name__ == "__main__":
    main()
