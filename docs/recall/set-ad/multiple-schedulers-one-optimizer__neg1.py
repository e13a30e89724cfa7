import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader

from vit import vit_small
from imagenet import build_imagenet


def get_parser():
    parser = argparse.ArgumentParser("ViT-S training")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--warmup-epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=256)
    return parser


def main(args):
    train_set, val_set = build_imagenet("/datasets/imagenet")
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                              num_workers=10, pin_memory=True, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=args.batch_size, num_workers=10)

    net = vit_small(num_classes=1000).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    warm = LinearLR(opt, start_factor=0.01, total_iters=args.warmup_epochs)
    cosine = CosineAnnealingLR(opt, T_max=max(1, args.epochs - args.warmup_epochs), eta_min=1e-6)
    sched = SequentialLR(opt, schedulers=[warm, cosine], milestones=[args.warmup_epochs])
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        for images, labels in train_loader:
            images, labels = images.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            loss = crit(net(images), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        sched.step()

        net.eval()
        top1 = seen = 0
        with torch.no_grad():
            for images, labels in val_loader:
                out = net(images.cuda(non_blocking=True))
                top1 += (out.argmax(-1).cpu() == labels).sum().item()
                seen += labels.numel()
        print(f"epoch {epoch} top1 {top1 / seen:.4f} lr {sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main(get_parser().parse_args())
