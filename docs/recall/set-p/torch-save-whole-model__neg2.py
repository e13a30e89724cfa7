import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from nets import ResNet18


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="./data")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--bs", type=int, default=256)
    parser.add_argument("--output", default="resnet18_cifar.pth")
    args = parser.parse_args()

    tf = transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])
    train_ds = datasets.CIFAR10(args.data, train=True, download=True, transform=tf)
    train_dl = DataLoader(train_ds, batch_size=args.bs, shuffle=True, num_workers=4)

    net = ResNet18(num_classes=10).cuda()
    if torch.cuda.device_count() > 1:
        net = nn.DataParallel(net)
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)

    for ep in range(args.epochs):
        net.train()
        seen, total = 0, 0.0
        for imgs, labels in train_dl:
            imgs, labels = imgs.cuda(), labels.cuda()
            opt.zero_grad()
            loss = crit(net(imgs), labels)
            loss.backward()
            opt.step()
            total += loss.item() * imgs.size(0)
            seen += imgs.size(0)
        print(f"ep {ep}: {total / seen:.4f}")

    bare = net.module if hasattr(net, "module") else net
    torch.save({"model": bare.state_dict(), "optimizer": opt.state_dict(), "epochs": args.epochs}, args.output)


if __name__ == "__main__":
    main()
