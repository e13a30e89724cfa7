import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def evaluate(model, loader, criterion, device):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for x, y in loader:
            total += criterion(model(x.to(device)), y.to(device)).item()
    return total / len(loader)


def train(model, train_loader, val_loader, epochs=100, lr=1e-3, device="cuda"):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=5, min_lr=1e-6)
    criterion = torch.nn.MSELoss()
    best = float("inf")
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x.to(device)), y.to(device))
            loss.backward()
            optimizer.step()
        val_loss = evaluate(model, val_loader, criterion, device)
        prev_lr = optimizer.param_groups[0]["lr"]
        scheduler.step(val_loss)
        new_lr = scheduler.get_last_lr()[0]
        if new_lr < prev_lr:
            print(f"Epoch {epoch:03d}: reducing learning rate to {new_lr:.2e}")
        if val_loss < best:
            best = val_loss
            torch.save(model.state_dict(), "best_model.pt")
