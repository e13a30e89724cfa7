import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(model, train_set, epochs=30, max_lr=3e-3, batch_size=128, device="cuda"):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=8, drop_last=True)
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=0.05)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader), pct_start=0.25)
    scaler = torch.amp.GradScaler("cuda")
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    model.to(device)

    for epoch in range(epochs):
        model.train()
        for images, labels in loader:
            images = images.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = criterion(model(images), labels)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scale_before = scaler.get_scale()
            scaler.update()
            step_skipped = scaler.get_scale() < scale_before
            if not step_skipped:
                sched.step()
        print(f"epoch {epoch}: last loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
    return model
