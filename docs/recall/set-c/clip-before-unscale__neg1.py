import torch
from torch import nn


def train(model, loader, epochs, lr=1e-4, max_norm=1.0, device="cuda"):
    model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    scaler = torch.amp.GradScaler("cuda")
    crit = nn.BCEWithLogitsLoss()

    for epoch in range(epochs):
        model.train()
        epoch_loss = 0.0
        for imgs, masks in loader:
            imgs = imgs.to(device, non_blocking=True)
            masks = masks.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                loss = crit(model(imgs), masks)
            scaler.scale(loss).backward()
            scaler.unscale_(opt)
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=max_norm)
            scaler.step(opt)
            scaler.update()
            epoch_loss += loss.item()
        print(f"epoch {epoch + 1}/{epochs} loss {epoch_loss / len(loader):.4f}")
    return model
