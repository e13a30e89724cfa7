import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import SegDataset
from unet import UNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/train")
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--save-dir", default="checkpoints")
    args = parser.parse_args()

    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = UNet(n_channels=1, n_classes=4).to(dev)
    loader = DataLoader(SegDataset(args.data), batch_size=args.batch_size, shuffle=True,
                        num_workers=4, pin_memory=True)
    opt = torch.optim.Adam(net.parameters(), lr=3e-4)
    crit = nn.CrossEntropyLoss()
    os.makedirs(args.save_dir, exist_ok=True)

    lowest = float("inf")
    for epoch in range(1, args.epochs + 1):
        net.train()
        running = 0.0
        for img, mask in loader:
            img, mask = img.to(dev), mask.to(dev)
            opt.zero_grad()
            loss = crit(net(img), mask)
            loss.backward()
            opt.step()
            running += loss.item()
        running /= len(loader)
        print(f"epoch {epoch} loss {running:.4f}")
        if running < lowest:
            lowest = running
            torch.save(net.state_dict(), os.path.join(args.save_dir, "best.pth"))


if __name__ == "__main__":
    main()
