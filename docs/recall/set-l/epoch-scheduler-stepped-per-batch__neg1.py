import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from datasets_local import SegmentationDataset
from unet import UNet


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--bs", type=int, default=16)
    return ap.parse_args()


def run(args):
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    model = UNet(in_channels=3, n_classes=2).to(dev)
    dl = DataLoader(SegmentationDataset("data/train"), batch_size=args.bs,
                    shuffle=True, num_workers=4, drop_last=True)
    optim = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = CosineAnnealingLR(optim, T_max=args.epochs, eta_min=1e-6)
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        epoch_loss = 0.0
        for img, mask in dl:
            img, mask = img.to(dev), mask.to(dev)
            optim.zero_grad()
            loss = crit(model(img), mask)
            loss.backward()
            optim.step()
            epoch_loss += loss.item()
        sched.step()
        print(f"epoch {epoch + 1}/{args.epochs} loss={epoch_loss / len(dl):.4f} "
              f"lr={sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    run(get_args())
