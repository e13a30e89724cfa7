import torch
import torch.nn as nn


def fit_regressor(net, loader, cfg):
    """Train a small MLP head on cached embeddings, accumulating cfg.accum micro-batches."""
    device = next(net.parameters()).device
    optim = torch.optim.RMSprop(net.parameters(), lr=cfg.lr, alpha=0.9)
    mse = nn.MSELoss()

    epoch = 0
    losses = []
    while epoch < cfg.max_epochs:
        net.train()
        optim.zero_grad()
        total, count = 0.0, 0
        for micro, (emb, y) in enumerate(loader):
            emb, y = emb.to(device), y.to(device).float()
            pred = net(emb).squeeze(-1)
            loss = mse(pred, y)
            (loss / cfg.accum).backward()
            if (micro + 1) % cfg.accum == 0:
                optim.step()
                optim.zero_grad()
            total += loss.item() * y.numel()
            count += y.numel()
        losses.append(total / max(count, 1))
        epoch += 1
    return losses
