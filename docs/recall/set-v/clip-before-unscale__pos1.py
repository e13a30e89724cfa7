import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from unet import UNet
from carvana import CarvanaDataset
from losses import dice_loss


def train_net(net, device, epochs=5, batch_size=4, lr=1e-5, amp=True, grad_clip=1.0):
    train_set = CarvanaDataset("data/imgs", "data/masks", scale=0.5)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=lr, weight_decay=1e-8, momentum=0.999)
    grad_scaler = torch.cuda.amp.GradScaler(enabled=amp)
    criterion = nn.CrossEntropyLoss()

    net.to(device)
    for epoch in range(1, epochs + 1):
        net.train()
        epoch_loss = 0.0
        for images, true_masks in train_loader:
            images = images.to(device=device, dtype=torch.float32, memory_format=torch.channels_last)
            true_masks = true_masks.to(device=device, dtype=torch.long)
            with torch.autocast(device.type, enabled=amp):
                masks_pred = net(images)
                loss = criterion(masks_pred, true_masks) + dice_loss(masks_pred.softmax(dim=1), true_masks)
            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), grad_clip)
            grad_scaler.step(optimizer)
            grad_scaler.update()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / len(train_loader):.4f}")
    return net
