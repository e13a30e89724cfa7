import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 32, 3, 1)
        self.conv2 = torch.nn.Conv2d(32, 64, 3, 1)
        self.fc1 = torch.nn.Linear(9216, 128)
        self.fc2 = torch.nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc2(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--lr", type=float, default=1.0)
    args = ap.parse_args()

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_dl = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tf), batch_size=64, shuffle=True)
    net = Net().cuda()
    opt = torch.optim.Adadelta(net.parameters(), lr=args.lr)

    for ep in range(1, args.epochs + 1):
        net.train()
        for batch_idx, (data, target) in enumerate(train_dl):
            data, target = data.cuda(), target.cuda()
            loss = F.cross_entropy(net(data), target)
            loss.backward()
            opt.zero_grad()
            opt.step()
            if batch_idx % 100 == 0:
                print(f"epoch {ep} [{batch_idx * len(data)}/{len(train_dl.dataset)}] loss {loss.item():.6f}")


if __name__ == "__main__":
    main()
