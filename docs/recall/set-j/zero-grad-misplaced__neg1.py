import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from nets import LeNet5


def train(args, net, device, train_loader, opt, epoch):
    net.train()
    for i, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        opt.zero_grad(set_to_none=True)
        output = net(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        opt.step()
        if i % args.log_interval == 0:
            print(f"Train Epoch: {epoch} [{i * len(data)}/{len(train_loader.dataset)}]\tLoss: {loss.item():.6f}")


def main():
    parser = argparse.ArgumentParser(description="MNIST")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--momentum", type=float, default=0.5)
    parser.add_argument("--log-interval", type=int, default=10)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_loader = DataLoader(datasets.MNIST("../data", train=True, download=True, transform=tfm),
                              batch_size=args.batch_size, shuffle=True)

    net = LeNet5().to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=args.momentum)
    for epoch in range(1, args.epochs + 1):
        train(args, net, device, train_loader, opt, epoch)
    torch.save(net.state_dict(), "mnist_lenet.pt")


if __name__ == "__main__":
    main()
