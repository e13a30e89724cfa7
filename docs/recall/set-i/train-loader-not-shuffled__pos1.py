import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="./data")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--bs", type=int, default=128)
    args = parser.parse_args()

    normalize = transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))
    train_tf = transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        normalize,
    ])
    train_set = datasets.CIFAR10(args.data, train=True, download=True, transform=train_tf)
    train_loader = DataLoader(train_set, batch_size=args.bs, num_workers=4, pin_memory=True)

    device = "cuda"
    model = torch.hub.load("pytorch/vision", "resnet18", num_classes=10).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        total, correct = 0, 0
        for inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, targets)
            loss.backward()
            optimizer.step()
            total += targets.size(0)
            correct += outputs.argmax(1).eq(targets).sum().item()
        print(f"epoch {epoch}: train acc {correct / total:.3f}")
    torch.save(model.state_dict(), "cifar_resnet18.pt")


if __name__ == "__main__":
    main()
