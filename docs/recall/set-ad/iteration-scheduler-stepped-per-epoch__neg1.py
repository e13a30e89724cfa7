import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from nets import WideResNet


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--max-lr", type=float, default=0.4)
    ap.add_argument("--bs", type=int, default=512)
    return ap.parse_args()


def main():
    args = get_args()
    tf = transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])
    train = datasets.CIFAR10("./data", train=True, download=True, transform=tf)
    loader = DataLoader(train, batch_size=args.bs, shuffle=True, num_workers=8, pin_memory=True)

    wrn = WideResNet(depth=16, widen_factor=4, num_classes=10).cuda()
    opt = torch.optim.SGD(wrn.parameters(), lr=args.max_lr, momentum=0.9,
                          weight_decay=5e-4, nesterov=True)
    lr_sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                          steps_per_epoch=len(loader), pct_start=0.25)

    for epoch in range(args.epochs):
        wrn.train()
        tot, n = 0.0, 0
        for xb, yb in loader:
            xb, yb = xb.cuda(non_blocking=True), yb.cuda(non_blocking=True)
            out = wrn(xb)
            loss = F.cross_entropy(out, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            lr_sched.step()
            tot += loss.item() * xb.size(0)
            n += xb.size(0)
        print(f"{epoch:3d} train_loss={tot / n:.4f} lr={lr_sched.get_last_lr()[0]:.4f}")

    torch.save(wrn.state_dict(), "wrn16_4.pt")


if __name__ == "__main__":
    main()
