import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms, models


def main(epochs=10, lr=0.01):
    tfm = transforms.Compose([transforms.RandomHorizontalFlip(), transforms.ToTensor()])
    trainloader = DataLoader(datasets.CIFAR10("./data", train=True, download=True, transform=tfm),
                             batch_size=128, shuffle=True, num_workers=2)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    net = models.resnet18(num_classes=10).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)

    for epoch in range(epochs):
        net.train()
        running_loss = 0.0
        for i, (inputs, labels) in enumerate(trainloader):
            inputs, labels = inputs.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(net(inputs), labels)
            loss.backward()
            optimizer.step()

            running_loss += loss.item()
            if i % 100 == 99:
                print(f"[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 100:.3f}")
                running_loss = 0.0


if __name__ == "__main__":
    main()
