import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


def train(model, loader, epochs, max_lr=1e-3, device="cuda"):
    model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=0.05)
    sched = OneCycleLR(opt, max_lr=max_lr, total_steps=epochs * len(loader), pct_start=0.1)
    scaler = torch.amp.GradScaler("cuda")
    for epoch in range(epochs):
        model.train()
        seen, running = 0, 0.0
        for images, targets in loader:
            images = images.to(device, non_blocking=True)
            targets = targets.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = F.cross_entropy(model(images), targets, label_smoothing=0.1)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
            running += loss.item() * images.size(0)
            seen += images.size(0)
        print(f"epoch {epoch}: loss {running / seen:.4f}")
    return model
