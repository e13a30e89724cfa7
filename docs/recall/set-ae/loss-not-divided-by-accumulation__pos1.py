import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data import build_dataset
from models import EfficientNetB3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--accum-steps", type=int, default=4, help="effective batch = batch-size * accum-steps")
    ap.add_argument("--lr", type=float, default=1e-4)
    args = ap.parse_args()

    device = torch.device("cuda")
    loader = DataLoader(build_dataset("train"), batch_size=args.batch_size, shuffle=True,
                        num_workers=8, drop_last=True)
    model = EfficientNetB3(num_classes=5).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        optimizer.zero_grad()
        seen_loss = 0.0
        for i, (images, labels) in enumerate(loader):
            images, labels = images.to(device), labels.to(device)
            loss = criterion(model(images), labels)
            loss.backward()
            seen_loss += loss.item()
            if (i + 1) % args.accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                optimizer.zero_grad()
        print(f"epoch {epoch}: mean loss {seen_loss / len(loader):.4f}")
        torch.save(model.state_dict(), f"effb3_ep{epoch}.pt")


if __name__ == "__main__":
    main()
