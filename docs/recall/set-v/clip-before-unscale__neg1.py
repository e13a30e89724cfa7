import torch
import torch.nn as nn


def train_net(net, loader, device, epochs=5, lr=1e-4, amp=True, grad_clip=1.0):
    optimizer = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=1e-2)
    grad_scaler = torch.amp.GradScaler("cuda", enabled=amp)
    criterion = nn.CrossEntropyLoss()
    net.to(device)
    for epoch in range(1, epochs + 1):
        net.train()
        epoch_loss = 0.0
        for images, masks in loader:
            images, masks = images.to(device), masks.to(device, dtype=torch.long)
            with torch.autocast("cuda", enabled=amp):
                loss = criterion(net(images), masks)
            optimizer.zero_grad(set_to_none=True)
            grad_scaler.scale(loss).backward()
            grad_scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(net.parameters(), grad_clip)
            grad_scaler.step(optimizer)
            grad_scaler.update()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f}")
    return net
