import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR

from data import get_train_loader
from models import ResNet18


def save_state(path, epoch, net, opt, sched):
    torch.save({"epoch": epoch, "net": net.state_dict(), "opt": opt.state_dict(),
                "sched": sched.state_dict()}, path)


def load_state(path, net, opt, sched):
    state = torch.load(path, map_location="cpu")
    net.load_state_dict(state["net"])
    opt.load_state_dict(state["opt"])
    sched.load_state_dict(state["sched"])
    return state["epoch"] + 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--resume", default="")
    p.add_argument("--ckpt", default="ckpt.pth")
    args = p.parse_args()

    dev = "cuda" if torch.cuda.is_available() else "cpu"
    net = ResNet18(num_classes=10).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = MultiStepLR(opt, milestones=[100, 150], gamma=0.1)
    loader = get_train_loader(batch_size=128)

    start = 0
    if args.resume:
        start = load_state(args.resume, net, opt, sched)

    for epoch in range(start, args.epochs):
        net.train()
        for x, y in loader:
            x, y = x.to(dev), y.to(dev)
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
        sched.step()
        save_state(args.ckpt, epoch, net, opt, sched)


if __name__ == "__main__":
    main()
