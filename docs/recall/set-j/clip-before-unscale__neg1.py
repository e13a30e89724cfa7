import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from unet import UNet
from utils.data_loading import CarvanaDataset
from utils.dice_score import dice_loss


def train(args):
    device = torch.device("cuda")
    dataset = CarvanaDataset(args.images, args.masks, args.scale)
    loader = DataLoader(dataset, batch_size=args.batch_size, shuffle=True, num_workers=4, pin_memory=True)
    model = UNet(n_channels=3, n_classes=args.classes).to(device)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=args.lr, weight_decay=1e-8, momentum=0.999)
    grad_scaler = torch.cuda.amp.GradScaler(enabled=args.amp)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(1, args.epochs + 1):
        model.train()
        epoch_loss = 0.0
        for images, true_masks in loader:
            images = images.to(device, dtype=torch.float32, memory_format=torch.channels_last)
            true_masks = true_masks.to(device, dtype=torch.long)
            with torch.autocast(device.type, enabled=args.amp):
                masks_pred = model(images)
                loss = criterion(masks_pred, true_masks)
                loss = loss + dice_loss(masks_pred.softmax(dim=1), true_masks, multiclass=True)

            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            grad_scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.gradient_clipping)
            grad_scaler.step(optimizer)
            grad_scaler.update()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f}")
        torch.save(model.state_dict(), f"{args.out}/checkpoint_epoch{epoch}.pth")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--images", default="data/imgs")
    p.add_argument("--masks", default="data/masks")
    p.add_argument("--scale", type=float, default=0.5)
    p.add_argument("--classes", type=int, default=2)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--gradient-clipping", type=float, default=1.0)
    p.add_argument("--amp", action="store_true")
    p.add_argument("--out", default="checkpoints")
    train(p.parse_args())
