import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def train(model, loader, epochs=50, lr=1e-3, device="cuda"):
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    sched = ReduceLROnPlateau(opt, mode="min", factor=0.1, patience=10)
    criterion = torch.nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        model.train()
        epoch_loss = 0.0
        for i, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device).float()
            logits = model(x).squeeze(1)
            loss = criterion(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step(loss.item())
            epoch_loss += loss.item()
        print(f"epoch {epoch} loss {epoch_loss / (i + 1):.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return model
