import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


def dice_loss(pred, target, eps=1e-6):
    pred = torch.sigmoid(pred)
    inter = (pred * target).sum(dim=(2, 3))
    union = pred.sum(dim=(2, 3)) + target.sum(dim=(2, 3))
    return 1 - ((2 * inter + eps) / (union + eps)).mean()


def train_net(net, train_set, device, epochs=5, batch_size=4, lr=1e-5, amp=True, gradient_clipping=1.0):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.RMSprop(net.parameters(), lr=lr, weight_decay=1e-8, momentum=0.999)
    grad_scaler = torch.cuda.amp.GradScaler(enabled=amp)
    net.to(device)

    global_step = 0
    for epoch in range(1, epochs + 1):
        net.train()
        epoch_loss = 0.0
        for images, true_masks in loader:
            images = images.to(device, dtype=torch.float32, memory_format=torch.channels_last)
            true_masks = true_masks.to(device, dtype=torch.float32)
            with torch.autocast(device.type if device.type != "mps" else "cpu", enabled=amp):
                masks_pred = net(images)
                loss = F.binary_cross_entropy_with_logits(masks_pred, true_masks)
                loss = loss + dice_loss(masks_pred, true_masks)

            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            nn.utils.clip_grad_norm_(net.parameters(), gradient_clipping)
            grad_scaler.step(optimizer)
            grad_scaler.update()

            global_step += 1
            epoch_loss += loss.item()
        print(f"epoch {epoch}: mean loss {epoch_loss / len(loader):.4f}")
