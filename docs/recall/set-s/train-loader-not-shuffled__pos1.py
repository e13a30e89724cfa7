import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def get_loaders(root, batch_size):
    tf_train = transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)),
    ])
    tf_test = transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)),
    ])
    train_set = datasets.CIFAR10(root, train=True, download=True, transform=tf_train)
    test_set = datasets.CIFAR10(root, train=False, download=True, transform=tf_test)
    train_loader = DataLoader(train_set, batch_size=batch_size, num_workers=4, pin_memory=True)
    test_loader = DataLoader(test_set, batch_size=512, shuffle=False, num_workers=4)
    return train_loader, test_loader


def train(net, root="./data", epochs=30, batch_size=128, lr=0.05):
    train_loader, test_loader = get_loaders(root, batch_size)
    net = net.cuda()
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            x, y = x.cuda(), y.cuda()
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()
        net.eval()
        correct = 0
        with torch.no_grad():
            for x, y in test_loader:
                correct += (net(x.cuda()).argmax(1) == y.cuda()).sum().item()
        print(f"epoch {epoch}: test acc {correct / len(test_loader.dataset):.4f}")
