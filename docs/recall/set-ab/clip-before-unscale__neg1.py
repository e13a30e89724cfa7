import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from unet import UNet
from data import CarvanaDataset
from losses import dice_loss


def train_net(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = UNet(n_channels=3, n_classes=args.classes).to(device)
    loader = DataLoader(CarvanaDataset(args.images, args.masks), batch_size=args.batch_size,
                        shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    scaler = torch.amp.GradScaler("cuda", enabled=args.amp)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(1, args.epochs + 1):
        model.train()
        for images, masks in loader:
            images, masks = images.to(device), masks.to(device, dtype=torch.long)
            with torch.autocast(device.type, enabled=args.amp):
                logits = model(images)
                loss = criterion(logits, masks) + dice_loss(logits, masks)

            optimizer.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            if args.max_grad_norm > 0:
                scaler.unscale_(optimizer)
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.max_grad_norm)
            scaler.step(optimizer)
            scaler.update()
        print(f"epoch {epoch}: last loss {loss.item():.4f}")
    return model
