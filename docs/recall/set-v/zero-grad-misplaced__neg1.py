import torch
from torch import nn


def fit(net, loader, epochs, lr=1e-3, device="cuda"):
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    loss_fn = nn.BCEWithLogitsLoss()
    history = []
    for epoch in range(epochs):
        net.train()
        running, n = 0.0, 0
        for i, (x, y) in enumerate(loader):
            x, y = x.to(device), y.float().to(device)
            opt.zero_grad(set_to_none=True)
            logits = net(x).squeeze(1)
            loss = loss_fn(logits, y)
            loss.backward()
            opt.step()
            running += loss.item() * x.size(0)
            n += x.size(0)
        history.append(running / n)
        print(f"epoch {epoch}: {history[-1]:.4f}")
    return history
