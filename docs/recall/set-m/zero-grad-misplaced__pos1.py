import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def make_loader(dataset, batch_size):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=4,
                      pin_memory=True, drop_last=True)


def train(model, dataset, epochs=20, lr=1e-3, batch_size=64, device="cuda"):
    model = model.to(device)
    loader = make_loader(dataset, batch_size)
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    criterion = nn.BCEWithLogitsLoss()
    history = []
    for epoch in range(epochs):
        model.train()
        total, seen = 0.0, 0
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device).float()
            logits = model(x).squeeze(1)
            loss = criterion(logits, y)
            loss.backward()
            opt.step()
            total += loss.item() * x.size(0)
            seen += x.size(0)
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
        history.append(total / max(seen, 1))
    return history
