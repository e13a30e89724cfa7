import torch
import torch.nn as nn
import torch.nn.functional as F


def train_one_epoch(model, loader, optimizer, scaler, device, epoch, max_norm=1.0):
    model.train()
    running, n = 0.0, 0
    for step, (images, masks) in enumerate(loader):
        images = images.to(device, non_blocking=True)
        masks = masks.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            logits = model(images)
            loss = F.binary_cross_entropy_with_logits(logits, masks.float())
        scaler.scale(loss).backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        scaler.step(optimizer)
        scaler.update()
        running += loss.item()
        n += 1
        if step % 20 == 0:
            print(f"epoch {epoch} step {step} loss {running / n:.4f}")
    return running / max(n, 1)


def main(model, loader, epochs=40, lr=1e-4):
    device = torch.device("cuda")
    model.to(device)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=lr, weight_decay=1e-8, momentum=0.9)
    scaler = torch.amp.GradScaler("cuda")
    for epoch in range(epochs):
        train_one_epoch(model, loader, optimizer, scaler, device, epoch)
