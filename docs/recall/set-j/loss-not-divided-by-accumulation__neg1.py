import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import PatchDataset
from model import ViTTiny


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="data/patches")
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--micro-bs", type=int, default=16)
    ap.add_argument("--accum-steps", type=int, default=8)
    ap.add_argument("--lr", type=float, default=5e-4)
    return ap.parse_args()


def main():
    args = get_args()
    device = torch.device("cuda")
    loader = DataLoader(PatchDataset(args.root), batch_size=args.micro_bs, shuffle=True,
                        num_workers=6, drop_last=True)
    model = ViTTiny(num_classes=9).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        optimizer.zero_grad()
        for i, (x, y) in enumerate(loader):
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            loss = criterion(model(x), y)
            loss = loss / args.accum_steps
            loss.backward()
            if (i + 1) % args.accum_steps == 0:
                optimizer.step()
                optimizer.zero_grad()
            if i % 100 == 0:
                print(f"epoch {epoch} it {i} loss {loss.item() * args.accum_steps:.4f}")
        torch.save(model.state_dict(), f"vit_tiny_ep{epoch}.pt")


if __name__ == "__main__":
    main()
