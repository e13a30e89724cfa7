import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from nets import ResNet9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=24)
    parser.add_argument("--max-lr", type=float, default=0.2)
    parser.add_argument("--batch-size", type=int, default=512)
    args = parser.parse_args()

    tf = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.ToTensor()])
    ds = datasets.CIFAR10("./data", train=True, download=True, transform=tf)
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True, num_workers=8)

    net = ResNet9().cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9, weight_decay=5e-4)
    one_cycle = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(loader))

    for epoch in range(args.epochs):
        net.train()
        for xb, yb in loader:
            xb, yb = xb.cuda(), yb.cuda()
            loss = F.cross_entropy(net(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            one_cycle.step()
        print(f"epoch {epoch}: last loss {loss.item():.4f} lr {one_cycle.get_last_lr()[0]:.4f}")


if __name__ == "__main__":
    main()
