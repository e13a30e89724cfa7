import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--eta-min", type=float, default=1e-5)
    ap.add_argument("--verbose", action="store_true")
    return ap.parse_args()


def main():
    args = parse_args()
    from nets import build_net
    from datasets import train_loader

    net = build_net("resnet50", num_classes=200).cuda()
    loader = train_loader("data/cub", batch_size=64)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=args.eta_min, verbose=args.verbose)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        net.train()
        for i, (img, label) in enumerate(loader):
            img, label = img.cuda(non_blocking=True), label.cuda(non_blocking=True)
            loss = crit(net(img), label)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if args.verbose and i % 20 == 0:
                print(f"[{epoch}/{i}] loss {loss.item():.4f}")
        lr_sched.step()


if __name__ == "__main__":
    main()
