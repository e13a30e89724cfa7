import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def get_loader(root, bs):
    tf = transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])
    ds = datasets.CIFAR10(root, train=True, download=True, transform=tf)
    return DataLoader(ds, batch_size=bs, shuffle=True, num_workers=8)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--max-lr", type=float, default=0.4)
    ap.add_argument("--bs", type=int, default=512)
    args = ap.parse_args()

    loader = get_loader("./data", args.bs)
    net = torch.hub.load("pytorch/vision", "resnet18", num_classes=10).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9,
                          weight_decay=5e-4, nesterov=True)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                       steps_per_epoch=len(loader), pct_start=0.25)
    loss_fn = nn.CrossEntropyLoss()

    for ep in range(args.epochs):
        net.train()
        correct = 0
        for xb, yb in loader:
            xb, yb = xb.cuda(), yb.cuda()
            out = net(xb)
            loss = loss_fn(out, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            correct += (out.argmax(1) == yb).sum().item()
        sched.step()
        acc = correct / len(loader.dataset)
        print(f"epoch {ep}: train acc {acc:.3f}, lr {sched.get_last_lr()[0]:.4f}")


if __name__ == "__main__":
    main()
