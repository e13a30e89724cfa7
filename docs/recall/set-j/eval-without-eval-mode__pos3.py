import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from net import DropoutCNN


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--lr", type=float, default=0.05)
    args = p.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    norm = transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))
    train_tf = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                                   transforms.ToTensor(), norm])
    test_tf = transforms.Compose([transforms.ToTensor(), norm])
    train_dl = DataLoader(datasets.CIFAR10("data", True, train_tf, download=True), batch_size=128, shuffle=True)
    test_dl = DataLoader(datasets.CIFAR10("data", False, test_tf, download=True), batch_size=512)

    net = DropoutCNN(p_drop=0.3).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    net.train()
    for epoch in range(args.epochs):
        for x, y in train_dl:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss_fn(net(x), y).backward()
            opt.step()

    correct = 0
    with torch.inference_mode():
        for x, y in test_dl:
            out = net(x.to(device))
            correct += (out.argmax(1).cpu() == y).sum().item()
    print(f"test accuracy: {100.0 * correct / len(test_dl.dataset):.2f}%")
    torch.save(net.state_dict(), "cifar_dropout_cnn.pt")


if __name__ == "__main__":
    main()
