import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from dataset import SpeechCommands
from model import KWSNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--step", type=int, default=20)
    args = parser.parse_args()

    net = KWSNet(n_classes=35).cuda()
    loader = DataLoader(SpeechCommands("train"), batch_size=100, shuffle=True, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    sched = StepLR(opt, step_size=args.step, gamma=0.5)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        total = 0.0
        for feats, labels in loader:
            feats, labels = feats.cuda(), labels.cuda()
            opt.zero_grad()
            loss = criterion(net(feats), labels)
            loss.backward()
            opt.step()
            total += loss.item()
        sched.step()
        print(f"epoch {epoch}: loss {total / len(loader):.4f} lr {sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
