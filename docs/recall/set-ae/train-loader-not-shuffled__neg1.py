import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from models import SmallCNN

train_tf = transforms.Compose([
    transforms.RandomCrop(32, padding=4),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
])
test_tf = transforms.ToTensor()

trainset = datasets.CIFAR10(root="./data", train=True, download=True, transform=train_tf)
testset = datasets.CIFAR10(root="./data", train=False, download=True, transform=test_tf)
trainloader = DataLoader(trainset, batch_size=128, shuffle=True, num_workers=2)
testloader = DataLoader(testset, batch_size=256, shuffle=False, num_workers=2)

device = "cuda" if torch.cuda.is_available() else "cpu"
net = SmallCNN().to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)

for epoch in range(40):
    net.train()
    for inputs, labels in trainloader:
        inputs, labels = inputs.to(device), labels.to(device)
        optimizer.zero_grad()
        criterion(net(inputs), labels).backward()
        optimizer.step()
    net.eval()
    correct = 0
    with torch.no_grad():
        for inputs, labels in testloader:
            correct += (net(inputs.to(device)).argmax(1).cpu() == labels).sum().item()
    print(f"epoch {epoch + 1}: test acc {correct / len(testset):.4f}")
