import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


def train(model, train_loader, epochs=30, max_lr=3e-3, device="cuda"):
    model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=0.05)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(train_loader))
    scaler = torch.cuda.amp.GradScaler()
    criterion = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        epoch_loss = 0.0
        for images, labels in train_loader:
            images, labels = images.to(device, non_blocking=True), labels.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                loss = criterion(model(images), labels)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / len(train_loader):.4f} lr {sched.get_last_lr()[0]:.2e}")
    return model
