import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


def train(model, train_loader, epochs=30, max_lr=1e-3, device="cuda"):
    model = model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=max_lr, weight_decay=1e-2)
    scheduler = OneCycleLR(
        optimizer,
        max_lr=max_lr,
        epochs=epochs,
        steps_per_epoch=len(train_loader),
        pct_start=0.3,
    )
    criterion = nn.BCEWithLogitsLoss()
    history = []
    for epoch in range(epochs):
        model.train()
        epoch_loss = 0.0
        for xb, yb in train_loader:
            xb, yb = xb.to(device), yb.float().to(device)
            optimizer.zero_grad()
            loss = criterion(model(xb).squeeze(1), yb)
            loss.backward()
            optimizer.step()
            scheduler.step()
            epoch_loss += loss.item()
        history.append(epoch_loss / len(train_loader))
        print(f"{epoch + 1}/{epochs} loss {history[-1]:.4f}")
    return history
