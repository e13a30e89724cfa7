import os

import torch
import torch.nn as nn


def train_autoencoder(ae, loader, epochs=30, lr=1e-3, out="ckpt"):
    device = next(ae.parameters()).device
    opt = torch.optim.Adam(ae.parameters(), lr=lr)
    mse = nn.MSELoss()
    os.makedirs(out, exist_ok=True)
    best = float("inf")
    for epoch in range(epochs):
        ae.train()
        total, n = 0.0, 0
        for x, _ in loader:
            x = x.to(device)
            opt.zero_grad()
            recon = ae(x)
            loss = mse(recon, x)
            loss.backward()
            opt.step()
            total += loss.item() * x.size(0)
            n += x.size(0)
        avg = total / max(n, 1)
        print(f"epoch {epoch} recon {avg:.5f}")
        if avg < best:
            best = avg
            torch.save(ae.state_dict(), os.path.join(out, "ae_best.pt"))
    return ae


def load_autoencoder(ae, path):
    ae.load_state_dict(torch.load(path, map_location="cpu"))
    return ae
