import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from data import build_cifar100
from models import wide_resnet28_10


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--bs", type=int, default=128)
    p.add_argument("--milestones", type=int, nargs="+", default=[60, 120, 160],
                   help="epochs at which the learning rate is decayed")
    p.add_argument("--gamma", type=float, default=0.2)
    return p.parse_args()


def train_one_epoch(net, loader, opt, lr_sched, dev):
    net.train()
    total, correct = 0, 0
    for step, (x, y) in enumerate(loader):
        x, y = x.to(dev), y.to(dev)
        out = net(x)
        loss = F.cross_entropy(out, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
        correct += (out.argmax(1) == y).sum().item()
        total += y.numel()
    return correct / total


def main():
    args = get_args()
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = build_cifar100(train=True)
    loader = DataLoader(train_set, batch_size=args.bs, shuffle=True, num_workers=4)
    net = wide_resnet28_10(num_classes=100).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = MultiStepLR(opt, milestones=args.milestones, gamma=args.gamma)
    for epoch in range(args.epochs):
        acc = train_one_epoch(net, loader, opt, lr_sched, dev)
        print(f"[{epoch + 1}/{args.epochs}] train acc {acc:.3f}")


if __name__ == "__main__":
    main()
