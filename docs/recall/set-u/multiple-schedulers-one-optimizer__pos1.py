import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR, MultiStepLR
from torch.utils.data import DataLoader

from dataset import ImageNetSubset
from model import build_backbone


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=90)
    p.add_argument("--lr", type=float, default=0.4)
    p.add_argument("--warm-epochs", type=int, default=5)
    p.add_argument("--milestones", type=int, nargs="+", default=[30, 60, 80])
    return p.parse_args()


def main():
    args = parse()
    loader = DataLoader(ImageNetSubset("train"), batch_size=256, shuffle=True, num_workers=16)
    net = build_backbone("resnet50").cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4, nesterov=True)
    warm = LambdaLR(opt, lambda e: min(1.0, (e + 1) / args.warm_epochs))
    decay = MultiStepLR(opt, milestones=args.milestones, gamma=0.1)
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = crit(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        decay.step()
        warm.step()
        print(f"epoch {epoch} lr {opt.param_groups[0]['lr']:.4f}")


if __name__ == "__main__":
    main()
