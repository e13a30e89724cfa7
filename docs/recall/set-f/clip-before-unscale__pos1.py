import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

from unet import UNet
from data_loading import CarvanaDataset


def dice_loss(logits, mask, eps=1e-6):
    probs = torch.sigmoid(logits)
    inter = (probs * mask).sum(dim=(-2, -1))
    union = probs.sum(dim=(-2, -1)) + mask.sum(dim=(-2, -1))
    return 1 - ((2 * inter + eps) / (union + eps)).mean()


def train_net(epochs=5, batch_size=4, lr=1e-5, amp=True, gradient_clipping=1.0):
    device = torch.device("cuda")
    ds = CarvanaDataset("data/imgs", "data/masks", scale=0.5)
    loader = DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=4, pin_memory=True)
    net = UNet(n_channels=3, n_classes=1).to(device)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=lr, weight_decay=1e-8, momentum=0.999)
    grad_scaler = torch.cuda.amp.GradScaler(enabled=amp)

    for epoch in range(1, epochs + 1):
        net.train()
        for batch in loader:
            images = batch["image"].to(device, dtype=torch.float32)
            true_masks = batch["mask"].to(device, dtype=torch.float32)
            with torch.autocast(device.type, enabled=amp):
                masks_pred = net(images).squeeze(1)
                loss = F.binary_cross_entropy_with_logits(masks_pred, true_masks)
                loss = loss + dice_loss(masks_pred, true_masks)
            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            nn.utils.clip_grad_norm_(net.parameters(), gradient_clipping)
            grad_scaler.step(optimizer)
            grad_scaler.update()
        print(f"epoch {epoch} loss {loss.item():.4f}")
