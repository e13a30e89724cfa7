import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from unet import UNet
from data import CarvanaDataset
from losses import dice_loss


def train_net(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = UNet(n_channels=3, n_classes=args.classes, bilinear=args.bilinear).to(device)
    train_loader = DataLoader(CarvanaDataset(args.images, args.masks, scale=args.scale),
                              batch_size=args.batch_size, shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=args.lr, weight_decay=1e-8, momentum=0.999)
    grad_scaler = torch.cuda.amp.GradScaler(enabled=args.amp)
    criterion = nn.CrossEntropyLoss()

    global_step = 0
    for epoch in range(1, args.epochs + 1):
        net.train()
        epoch_loss = 0.0
        for images, true_masks in train_loader:
            images = images.to(device, dtype=torch.float32, memory_format=torch.channels_last)
            true_masks = true_masks.to(device, dtype=torch.long)
            with torch.autocast(device.type, enabled=args.amp):
                masks_pred = net(images)
                loss = criterion(masks_pred, true_masks) + dice_loss(masks_pred, true_masks)

            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), args.gradient_clipping)
            grad_scaler.step(optimizer)
            grad_scaler.update()

            global_step += 1
            epoch_loss += loss.item()
        print(f"epoch {epoch}: mean loss {epoch_loss / len(train_loader):.4f}")
    return net
