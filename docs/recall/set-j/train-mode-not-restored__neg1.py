import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from fcn import FCN8s
from voc import VOCSegmentation


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="data/VOC2012")
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--eval-every", type=int, default=5)
    args = ap.parse_args()

    device = torch.device("cuda")
    train_loader = DataLoader(VOCSegmentation(args.root, "train"), batch_size=8, shuffle=True, num_workers=4)
    val_loader = DataLoader(VOCSegmentation(args.root, "val"), batch_size=1, shuffle=False)
    model = FCN8s(n_class=21).to(device)
    optim = torch.optim.Adam(model.parameters(), lr=args.lr)
    criterion = nn.CrossEntropyLoss(ignore_index=255)

    for epoch in range(args.epochs):
        model.train()
        for img, lbl in train_loader:
            img, lbl = img.to(device), lbl.to(device)
            optim.zero_grad()
            loss = criterion(model(img), lbl)
            loss.backward()
            optim.step()

        if (epoch + 1) % args.eval_every == 0:
            model.eval()
            val_loss, n = 0.0, 0
            with torch.no_grad():
                for img, lbl in val_loader:
                    img, lbl = img.to(device), lbl.to(device)
                    val_loss += criterion(model(img), lbl).item()
                    n += 1
            print(f"epoch {epoch + 1}: val loss {val_loss / max(n, 1):.4f}")
            torch.save(model.state_dict(), f"fcn8s_ep{epoch + 1}.pth")


if __name__ == "__main__":
    main()
