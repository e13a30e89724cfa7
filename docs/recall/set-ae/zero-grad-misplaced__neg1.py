import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def fit_regressor(net, X, y, epochs=100, lr=3e-4, bs=128, device="cuda"):
    ds = TensorDataset(torch.as_tensor(X, dtype=torch.float32),
                       torch.as_tensor(y, dtype=torch.float32))
    dl = DataLoader(ds, batch_size=bs, shuffle=True)
    net = net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=lr)
    huber = nn.SmoothL1Loss()
    for ep in range(epochs):
        net.train()
        epoch_loss = 0.0
        for xb, yb in dl:
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad(set_to_none=True)
            loss = huber(net(xb), yb)
            loss.backward()
            opt.step()
            epoch_loss += loss.item() * xb.size(0)
        if ep % 10 == 0:
            print(f"epoch {ep}: {epoch_loss / len(ds):.5f}")
    return net
