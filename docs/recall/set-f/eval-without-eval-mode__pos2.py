import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from nets import WideResNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--dropout", type=float, default=0.3)
    args = ap.parse_args()

    norm = transforms.Normalize((0.5071, 0.4865, 0.4409), (0.2673, 0.2564, 0.2762))
    train_tf = transforms.Compose([transforms.RandomCrop(32, 4), transforms.RandomHorizontalFlip(), transforms.ToTensor(), norm])
    test_tf = transforms.Compose([transforms.ToTensor(), norm])
    train_dl = DataLoader(datasets.CIFAR100("data", True, train_tf, download=True), batch_size=128, shuffle=True, num_workers=4)
    test_dl = DataLoader(datasets.CIFAR100("data", False, test_tf), batch_size=256, num_workers=4)

    wrn = WideResNet(depth=28, widen_factor=10, dropout_rate=args.dropout, num_classes=100).cuda()
    opt = torch.optim.SGD(wrn.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)
    ce = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        wrn.train()
        for x, y in train_dl:
            x, y = x.cuda(), y.cuda()
            opt.zero_grad()
            ce(wrn(x), y).backward()
            opt.step()

        correct = 0
        with torch.no_grad():
            for x, y in test_dl:
                logits = wrn(x.cuda())
                correct += (logits.argmax(dim=1).cpu() == y).sum().item()
        print(f"epoch {epoch}: test acc {100.0 * correct / len(test_dl.dataset):.2f}%")


if __name__ == "__main__":
    main()
