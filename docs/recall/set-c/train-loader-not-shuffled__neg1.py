import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def main(epochs=20, lr=1e-3, device="cuda"):
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_set = datasets.MNIST("data", train=True, download=True, transform=tf)
    test_set = datasets.MNIST("data", train=False, transform=tf)
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4,
                              pin_memory=True)
    test_loader = DataLoader(test_set, batch_size=1000, shuffle=False)

    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(256, 10)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    crit = nn.CrossEntropyLoss()

    for epoch in range(1, epochs + 1):
        model.train()
        for data, target in train_loader:
            data, target = data.to(device), target.to(device)
            opt.zero_grad()
            loss = crit(model(data), target)
            loss.backward()
            opt.step()

        model.eval()
        correct = 0
        with torch.no_grad():
            for data, target in test_loader:
                pred = model(data.to(device)).argmax(dim=1)
                correct += (pred == target.to(device)).sum().item()
        print(f"epoch {epoch}: test acc {correct / len(test_set):.4f}")
