import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
import torchvision
import torchvision.transforms as T


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--max-lr", type=float, default=0.2)
    args = ap.parse_args()

    tfm = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(),
                     T.Normalize((0.4914, 0.4822, 0.4465), (0.247, 0.243, 0.261))])
    train_set = torchvision.datasets.CIFAR10("./data", train=True, download=True, transform=tfm)
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=4)

    net = torchvision.models.resnet18(num_classes=10).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9,
                          weight_decay=5e-4, nesterov=True)
    steps_per_epoch = len(train_set) // args.batch_size
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=steps_per_epoch)
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        correct = 0
        for x, y in train_loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            out = net(x)
            loss = crit(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            correct += (out.argmax(1) == y).sum().item()
        print(f"epoch {epoch} train_acc {correct / len(train_set):.4f} "
              f"lr {sched.get_last_lr()[0]:.4f}")
    torch.save(net.state_dict(), "resnet18_onecycle.pt")


if __name__ == "__main__":
    main()
