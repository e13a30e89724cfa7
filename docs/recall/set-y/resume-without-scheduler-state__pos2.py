import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from data import get_cifar10
from models import ResNet18


def parse_args():
    p = argparse.ArgumentParser(description="CIFAR-10 training")
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--resume", type=str, default="")
    p.add_argument("--ckpt", type=str, default="checkpoint/ckpt.pth")
    return p.parse_args()


def main():
    args = parse_args()
    dev = "cuda"
    net = ResNet18().to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = MultiStepLR(opt, milestones=[100, 150], gamma=0.1)
    train_set, _ = get_cifar10("./data")
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=2)

    start_epoch = 0
    if args.resume:
        print(f"==> resuming from {args.resume}")
        ckpt = torch.load(args.resume, map_location=dev)
        net.load_state_dict(ckpt["net"])
        opt.load_state_dict(ckpt["opt"])
        start_epoch = ckpt["epoch"] + 1

    for epoch in range(start_epoch, args.epochs):
        net.train()
        correct, total = 0, 0
        for x, y in loader:
            x, y = x.to(dev), y.to(dev)
            opt.zero_grad()
            out = net(x)
            loss = F.cross_entropy(out, y)
            loss.backward()
            opt.step()
            correct += out.argmax(1).eq(y).sum().item()
            total += y.size(0)
        sched.step()
        print(f"epoch {epoch} train acc {100.0 * correct / total:.2f}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "epoch": epoch}, args.ckpt)


if __name__ == "__main__":
    main()
