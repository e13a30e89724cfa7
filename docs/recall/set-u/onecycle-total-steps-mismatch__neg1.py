import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from models import WideResNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--max-lr", type=float, default=0.4)
    args = parser.parse_args()

    tf = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                             transforms.ToTensor()])
    train_set = datasets.CIFAR100("./data", train=True, download=True, transform=tf)
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=8, pin_memory=True)

    net = WideResNet(depth=16, widen_factor=4, num_classes=100).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(loader))
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        correct = 0
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            logits = net(x)
            loss = criterion(logits, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            correct += (logits.argmax(1) == y).sum().item()
        print(f"epoch {epoch}: train acc {correct / len(train_set):.4f}")


if __name__ == "__main__":
    main()
