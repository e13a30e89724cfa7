import torch
from torch.utils.data import DataLoader


def make_loaders(train_ds, val_ds, batch_size=64, workers=4):
    train_loader = DataLoader(
        train_ds, batch_size=batch_size, shuffle=True, num_workers=workers, drop_last=True
    )
    val_loader = DataLoader(val_ds, batch_size=batch_size * 2, shuffle=False, num_workers=workers)
    return train_loader, val_loader


def fit(model, train_ds, val_ds, epochs, lr=1e-3, device="cuda"):
    train_loader, val_loader = make_loaders(train_ds, val_ds)
    model = model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x.to(device)), y.to(device))
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            val_loss = sum(
                torch.nn.functional.cross_entropy(model(x.to(device)), y.to(device)).item()
                for x, y in val_loader
            ) / max(len(val_loader), 1)
        print(f"epoch {epoch}: val loss {val_loss:.4f}")
