import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from unet import UNet
from losses import dice_loss


def train_net(train_set, epochs=5, batch_size=4, lr=1e-5, amp=True, device="cuda"):
    net = UNet(n_channels=3, n_classes=2, bilinear=False).to(device)
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=lr, weight_decay=1e-8, momentum=0.999)
    grad_scaler = torch.cuda.amp.GradScaler(enabled=amp)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(1, epochs + 1):
        net.train()
        epoch_loss = 0.0
        for batch in loader:
            images = batch["image"].to(device, dtype=torch.float32, memory_format=torch.channels_last)
            masks = batch["mask"].to(device, dtype=torch.long)
            with torch.autocast("cuda", enabled=amp):
                pred = net(images)
                loss = criterion(pred, masks) + dice_loss(pred.softmax(dim=1), masks)
            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            grad_scaler.step(optimizer)
            grad_scaler.update()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f}")
    return net
