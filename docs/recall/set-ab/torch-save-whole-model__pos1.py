import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Linear(64 * 7 * 7, 10)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


def main(out_dir="weights", epochs=5):
    os.makedirs(out_dir, exist_ok=True)
    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_ds = datasets.MNIST("data", train=True, download=True, transform=tfm)
    loader = DataLoader(train_ds, batch_size=128, shuffle=True, num_workers=2)

    device = "cuda" if torch.cuda.is_available() else "cpu"
    net = SmallCNN().to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    net.train()
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
        print(f"epoch {epoch} last loss {loss.item():.4f}")

    torch.save(net, os.path.join(out_dir, "mnist_cnn.pt"))


if __name__ == "__main__":
    main()
