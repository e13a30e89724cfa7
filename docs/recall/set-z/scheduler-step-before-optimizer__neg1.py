import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(model, loader, epochs=30, max_lr=3e-3, accum=4, device="cuda"):
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr / 25, weight_decay=1e-2)
    steps_per_epoch = max(1, len(loader) // accum)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=steps_per_epoch, pct_start=0.3)
    criterion = torch.nn.CrossEntropyLoss()
    model.to(device)
    for epoch in range(epochs):
        model.train()
        opt.zero_grad(set_to_none=True)
        for i, (xb, yb) in enumerate(loader):
            if i >= steps_per_epoch * accum:
                break
            xb, yb = xb.to(device), yb.to(device)
            loss = criterion(model(xb), yb) / accum
            loss.backward()
            if (i + 1) % accum == 0:
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch + 1}: lr {sched.get_last_lr()[0]:.2e}")
