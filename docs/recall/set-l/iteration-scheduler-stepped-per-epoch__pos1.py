import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from nets import WideResNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--max-lr", type=float, default=0.4)
    parser.add_argument("--batch-size", type=int, default=512)
    args = parser.parse_args()

    tf = transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
    ])
    train_ds = datasets.CIFAR10("./data", train=True, download=True, transform=tf)
    train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=8)

    net = WideResNet(depth=16, widen_factor=4).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9, nesterov=True,
                          weight_decay=5e-4)
    lr_sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(train_loader))

    for epoch in range(args.epochs):
        net.train()
        correct = 0
        for xb, yb in train_loader:
            xb, yb = xb.cuda(), yb.cuda()
            out = net(xb)
            loss = F.cross_entropy(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += (out.argmax(1) == yb).sum().item()
        lr_sched.step()
        print(f"epoch {epoch}: train acc {correct / len(train_ds):.4f}")


if __name__ == "__main__":
    main()
