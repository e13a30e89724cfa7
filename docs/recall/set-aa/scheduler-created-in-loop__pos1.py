import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from data import MNISTPairs
from nets import SiameseNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=1.0)
    parser.add_argument("--lr-step", type=int, default=10)
    parser.add_argument("--gamma", type=float, default=0.1)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(MNISTPairs(train=True), batch_size=args.batch_size, shuffle=True)
    net = SiameseNet().to(device)
    opt = torch.optim.Adadelta(net.parameters(), lr=args.lr)
    bce = nn.BCELoss()

    for epoch in range(1, args.epochs + 1):
        sched = StepLR(opt, step_size=args.lr_step, gamma=args.gamma)
        net.train()
        for batch_idx, (a, b, same) in enumerate(loader):
            a, b, same = a.to(device), b.to(device), same.to(device)
            opt.zero_grad()
            out = net(a, b).squeeze(1)
            loss = bce(out, same.float())
            loss.backward()
            opt.step()
            if batch_idx % 50 == 0:
                print(f"epoch {epoch} [{batch_idx * len(a)}/{len(loader.dataset)}] loss {loss.item():.6f}")
        sched.step()

    torch.save(net.state_dict(), "siamese_mnist.pt")


if __name__ == "__main__":
    main()
