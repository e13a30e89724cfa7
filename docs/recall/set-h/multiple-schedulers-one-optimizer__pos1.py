import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LambdaLR
from torch.utils.data import DataLoader

from datasets import ImageNetSubset
from models import vit_small


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--warmup-epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--bs", type=int, default=256)
    args = ap.parse_args()

    loader = DataLoader(ImageNetSubset("train"), batch_size=args.bs, shuffle=True, num_workers=8)
    model = vit_small(num_classes=100).cuda()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)

    warmup = LambdaLR(opt, lambda e: min(1.0, (e + 1) / args.warmup_epochs))
    cosine = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)
    crit = torch.nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        model.train()
        for images, labels in loader:
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = crit(model(images), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        warmup.step()
        cosine.step()
        print(f"epoch {epoch} lr {opt.param_groups[0]['lr']:.2e} loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
