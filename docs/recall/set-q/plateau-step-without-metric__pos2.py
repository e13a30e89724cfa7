import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def train(regressor, loader, epochs=200, lr=3e-4):
    optim = torch.optim.Adam(regressor.parameters(), lr=lr)
    plateau = ReduceLROnPlateau(optim, mode="min", factor=0.5, patience=20, min_lr=1e-6)
    loss_fn = torch.nn.MSELoss()
    for epoch in range(epochs):
        regressor.train()
        epoch_loss = 0.0
        for batch_idx, (feats, target) in enumerate(loader):
            pred = regressor(feats)
            loss = loss_fn(pred, target)
            optim.zero_grad()
            loss.backward()
            optim.step()
            plateau.step(loss.item())
            epoch_loss += loss.item()
        print(f"[{epoch}] train mse {epoch_loss / max(1, len(loader)):.6f}")
    return regressor
