import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(net, loader, epochs, max_lr=1e-3, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=max_lr, weight_decay=1e-2)
    sched = OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(loader), pct_start=0.3)
    crit = torch.nn.BCEWithLogitsLoss()
    history = []
    for epoch in range(epochs):
        net.train()
        running = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device).float()
            opt.zero_grad()
            loss = crit(net(x).squeeze(1), y)
            loss.backward()
            sched.step()
            opt.step()
            running += loss.item() * x.size(0)
        epoch_loss = running / len(loader.dataset)
        history.append(epoch_loss)
        print(f"epoch {epoch + 1}/{epochs}: loss {epoch_loss:.4f} lr {sched.get_last_lr()[0]:.2e}")
    return history
