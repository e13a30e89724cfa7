import torch
from torch.cuda.amp import GradScaler, autocast


def train_one_epoch(model, loader, optimizer, device, max_norm=10.0, use_amp=True):
    model.train()
    scaler = GradScaler(enabled=use_amp)
    total = 0.0
    for images, targets in loader:
        images = [img.to(device) for img in images]
        targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
        with autocast(enabled=use_amp):
            loss_dict = model(images, targets)
            losses = sum(loss_dict.values())
        optimizer.zero_grad()
        scaler.scale(losses).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        scaler.step(optimizer)
        scaler.update()
        total += losses.item()
    return total / max(len(loader), 1)
