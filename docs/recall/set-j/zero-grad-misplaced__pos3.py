import torch
import torch.nn as nn


def fit_regressor(net, loader, cfg):
    """Train a small MLP head on cached embeddings."""
    device = next(net.parameters()).device
    optim = torch.optim.RMSprop(net.parameters(), lr=cfg.lr, alpha=0.9)
    mse = nn.MSELoss()

    optim.zero_grad()
    epoch = 0
    losses = []
    while epoch < cfg.max_epochs:
        net.train()
        total, count = 0.0, 0
        for emb, y in loader:
            emb, y = emb.to(device), y.to(device).float()
            pred = net(emb).squeeze(-1)
            loss = mse(pred, y)
            loss.backward()
            optim.step()
            total += loss.item() * y.numel()
            count += y.numel()
        losses.append(total / max(count, 1))
        epoch += 1
        if cfg.early_stop and len(losses) > cfg.patience and min(losses[-cfg.patience:]) > min(losses):
            break
    return losses
