import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from data import SpeechCommands
from models import M5


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--root", default="./sc")
    p.add_argument("--bs", type=int, default=256)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--workers", type=int, default=4)
    return p.parse_args()


def main():
    args = parse()
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    train_set = SpeechCommands(args.root, subset="training")
    train_loader = DataLoader(train_set, batch_size=args.bs, shuffle=False,
                              collate_fn=train_set.collate, num_workers=args.workers,
                              drop_last=True)
    net = M5(n_input=1, n_output=len(train_set.labels)).to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=1e-4)

    for epoch in range(1, args.epochs + 1):
        net.train()
        seen = 0
        for batch_idx, (wave, target) in enumerate(train_loader):
            wave, target = wave.to(dev), target.to(dev)
            opt.zero_grad()
            loss = F.nll_loss(net(wave).squeeze(), target)
            loss.backward()
            opt.step()
            seen += len(wave)
            if batch_idx % 50 == 0:
                print(f"epoch {epoch} [{seen}/{len(train_set)}] loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
