import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from unet import UNet
from data import CarvanaDataset, dice_loss


def train(args):
    device = torch.device("cuda")
    ds = CarvanaDataset(args.images, args.masks, scale=args.scale)
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True, num_workers=4,
                        pin_memory=True)
    model = UNet(n_channels=3, n_classes=1).to(device, memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    grad_scaler = torch.cuda.amp.GradScaler(enabled=args.amp)
    bce = nn.BCEWithLogitsLoss()

    for epoch in range(1, args.epochs + 1):
        model.train()
        epoch_loss = 0.0
        for images, true_masks in loader:
            images = images.to(device, memory_format=torch.channels_last)
            true_masks = true_masks.to(device).float()
            with torch.autocast(device.type, enabled=args.amp):
                pred = model(images).squeeze(1)
                loss = bce(pred, true_masks) + dice_loss(torch.sigmoid(pred), true_masks)
            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.gradient_clipping)
            grad_scaler.step(optimizer)
            grad_scaler.update()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f}")
        torch.save(model.state_dict(), f"checkpoint_epoch{epoch}.pth")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--images", default="data/imgs")
    p.add_argument("--masks", default="data/masks")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--scale", type=float, default=0.5)
    p.add_argument("--gradient-clipping", type=float, default=1.0)
    p.add_argument("--amp", action="store_true")
    train(p.parse_args())
