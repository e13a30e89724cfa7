import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


def train(model, train_loader, val_loader, epochs=30, max_lr=3e-3):
    device = torch.device("cuda")
    model.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=max_lr / 25, weight_decay=1e-2)
    scheduler = OneCycleLR(optimizer, max_lr=max_lr, epochs=epochs,
                           steps_per_epoch=len(train_loader), pct_start=0.3)

    for epoch in range(epochs):
        model.train()
        train_loss = 0.0
        for step, (x, y) in enumerate(train_loader):
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            scheduler.step()
            optimizer.step()
            train_loss += loss.item()

        model.eval()
        correct = total = 0
        with torch.no_grad():
            for x, y in val_loader:
                pred = model(x.to(device)).argmax(dim=1)
                correct += (pred == y.to(device)).sum().item()
                total += y.numel()
        print(f"epoch {epoch}: loss {train_loss / len(train_loader):.4f} "
              f"acc {correct / max(total, 1):.4f} lr {scheduler.get_last_lr()[0]:.2e}")
    return model
