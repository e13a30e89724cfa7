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
    parser.add_argument("--bs", type=int, default=8)
    parser.add_argument("--out", default="runs/unet")
    args = parser.parse_args()

    device = torch.device("cuda:0")
    model = UNet(n_channels=3, n_classes=2).to(device)
    loader = DataLoader(SegDataset(args.data), batch_size=args.bs, shuffle=True,
                        num_workers=4, pin_memory=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss()
    os.makedirs(args.out, exist_ok=True)

    best = float("inf")
    for epoch in range(args.epochs):
        model.train()
        epoch_loss = 0.0
        for img, mask in loader:
            img, mask = img.to(device), mask.to(device)
            optimizer.zero_grad()
            loss = criterion(model(img), mask)
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()
        epoch_loss /= len(loader)
        print(f"epoch {epoch + 1}/{args.epochs} loss {epoch_loss:.4f}")
        if epoch_loss < best:
            best = epoch_loss
            torch.save(model, os.path.join(args.out, "best.pt"))


if __name__ == "__main__":
    main()
