import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from datasets import ImageFolderWithAug
from nets import build_backbone


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/data/imagenet100")
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--bs", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--min-lr", type=float, default=1e-6)
    return ap.parse_args()


def main():
    args = get_args()
    train_ds = ImageFolderWithAug(args.data + "/train", train=True)
    train_loader = DataLoader(train_ds, batch_size=args.bs, shuffle=True,
                              num_workers=10, pin_memory=True, drop_last=True)
    net = build_backbone(args.arch, num_classes=100).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)

    n_iters = args.epochs * len(train_loader)
    lr_sched = CosineAnnealingLR(opt, T_max=n_iters, eta_min=args.min_lr)

    for epoch in range(args.epochs):
        net.train()
        seen, loss_acc = 0, 0.0
        for i, (x, y) in enumerate(train_loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            logits = net(x)
            loss = F.cross_entropy(logits, y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_acc += loss.item() * x.size(0)
            seen += x.size(0)
        lr_sched.step()
        print(f"epoch {epoch + 1}/{args.epochs} loss {loss_acc / seen:.4f} "
              f"lr {lr_sched.get_last_lr()[0]:.3e}")
        torch.save({"epoch": epoch, "model": net.state_dict()}, f"ckpt_{args.arch}.pt")


if __name__ == "__main__":
    main()
