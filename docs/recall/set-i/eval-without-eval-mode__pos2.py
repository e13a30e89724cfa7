import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def run(net, train_ds, val_ds, epochs=25, lr=1e-3, device="cuda"):
    train_dl = DataLoader(train_ds, batch_size=32, shuffle=True, drop_last=True)
    val_dl = DataLoader(val_ds, batch_size=64)
    net = net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    ce = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        tr_loss = 0.0
        for xb, yb in train_dl:
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad()
            loss = ce(net(xb), yb)
            loss.backward()
            opt.step()
            tr_loss += loss.item()

        val_loss, val_correct = 0.0, 0
        with torch.no_grad():
            for xb, yb in val_dl:
                xb, yb = xb.to(device), yb.to(device)
                logits = net(xb)
                val_loss += ce(logits, yb).item() * xb.size(0)
                val_correct += (logits.argmax(1) == yb).sum().item()
        n_val = len(val_dl.dataset)
        print(f"epoch {epoch}: train {tr_loss / len(train_dl):.4f} "
              f"val {val_loss / n_val:.4f} acc {val_correct / n_val:.3f}")
