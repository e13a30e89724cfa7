import torch
import torch.nn as nn


def train(model, loader, optimizer, epochs, max_grad_norm=1.0, use_amp=True):
    device = torch.device("cuda")
    model.to(device)
    scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for images, masks in loader:
            images, masks = images.to(device), masks.to(device).float()
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16, enabled=use_amp):
                loss = criterion(model(images).squeeze(1), masks)
            scaler.scale(loss).backward()
            scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
            scaler.step(optimizer)
            scaler.update()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")
    return model
