import argparse
import time

import torch
import torch.nn as nn
import torchvision


def adjust_learning_rate(optimizer, epoch, args):
    """Sets the learning rate to the initial LR decayed by 10 every 30 epochs"""
    args.lr = args.lr * (0.1 ** (epoch // 30))
    for param_group in optimizer.param_groups:
        param_group["lr"] = args.lr


def train_one_epoch(loader, model, criterion, optimizer, epoch, print_freq=50):
    model.train()
    end = time.time()
    for i, (images, target) in enumerate(loader):
        images = images.cuda(non_blocking=True)
        target = target.cuda(non_blocking=True)
        output = model(images)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if i % print_freq == 0:
            print(f"Epoch [{epoch}][{i}/{len(loader)}] loss {loss.item():.4f} ({time.time() - end:.1f}s)")
            end = time.time()


def main():
    parser = argparse.ArgumentParser(description="ImageNet training")
    parser.add_argument("data")
    parser.add_argument("--arch", default="resnet18")
    parser.add_argument("--epochs", default=90, type=int)
    parser.add_argument("--lr", default=0.1, type=float)
    parser.add_argument("--momentum", default=0.9, type=float)
    parser.add_argument("--wd", default=1e-4, type=float)
    parser.add_argument("-b", "--batch-size", default=256, type=int)
    args = parser.parse_args()

    model = torchvision.models.__dict__[args.arch]().cuda()
    criterion = nn.CrossEntropyLoss().cuda()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=args.momentum, weight_decay=args.wd)
    dataset = torchvision.datasets.ImageFolder(
        f"{args.data}/train",
        torchvision.transforms.Compose([
            torchvision.transforms.RandomResizedCrop(224),
            torchvision.transforms.RandomHorizontalFlip(),
            torchvision.transforms.ToTensor(),
        ]),
    )
    loader = torch.utils.data.DataLoader(dataset, batch_size=args.batch_size, shuffle=True, num_workers=8, pin_memory=True)

    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        train_one_epoch(loader, model, criterion, optimizer, epoch)


if __name__ == "__main__":
    main()
