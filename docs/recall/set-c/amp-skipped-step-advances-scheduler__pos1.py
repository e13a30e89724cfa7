import torch
from torch import nn
from torch.optim.lr_scheduler import OneCycleLR


def train(model, loader, epochs, device="cuda", max_lr=3e-4):
    model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=0.05)
    sched = OneCycleLR(opt, max_lr=max_lr, total_steps=epochs * len(loader), pct_start=0.1)
    scaler = torch.cuda.amp.GradScaler()
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(epochs):
        model.train()
        seen, total = 0, 0.0
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                loss = crit(model(x), y)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            sched.step()
            total += loss.item() * x.size(0)
            seen += x.size(0)
        print(f"epoch {epoch}: loss {total / max(seen, 1):.4f} lr {sched.get_last_lr()[0]:.2e}")
    return model
