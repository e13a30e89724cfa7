import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def train_epoch(model, loader, optimizer, criterion, device):
    model.train()
    running_loss = 0.0
    correct = 0
    for inputs, labels in loader:
        inputs, labels = inputs.to(device), labels.to(device)
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
        correct += (outputs.argmax(1) == labels).sum().item()
    return running_loss / len(loader), correct / len(loader.dataset)


def main(model, epochs=20, device="cuda"):
    tf = transforms.Compose([transforms.RandomHorizontalFlip(), transforms.ToTensor()])
    train_set = datasets.CIFAR10("./data", train=True, download=True, transform=tf)
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)
    model = model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        loss, acc = train_epoch(model, loader, optimizer, criterion, device)
        print(f"epoch {epoch}: loss {loss:.4f} acc {acc:.3f}")
