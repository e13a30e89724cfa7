import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(model, loader, epochs=30, max_lr=3e-3, device="cuda"):
    opt = torch.optim.AdamW(model.parameters(), lr=max_lr / 25, weight_decay=1e-2)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader), pct_start=0.3)
    criterion = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    model.to(device)
    for epoch in range(epochs):
        model.train()
        correct = seen = 0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            logits = model(xb)
            loss = criterion(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            sched.step()
            opt.step()
            correct += (logits.argmax(1) == yb).sum().item()
            seen += yb.numel()
        print(f"epoch {epoch + 1}: train acc {correct / max(1, seen):.3f}, lr {sched.get_last_lr()[0]:.2e}")
