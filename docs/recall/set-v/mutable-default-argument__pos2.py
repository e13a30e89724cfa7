import torch
import torch.nn.functional as F


def train_epoch(model, loader, opt, device, stats={}):
    model.train()
    for step, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        opt.step()
        stats.setdefault("loss", []).append(loss.item())
        stats.setdefault("acc", []).append((logits.argmax(-1) == y).float().mean().item())
    return stats


def summarize(stats):
    return {k: sum(v) / len(v) for k, v in stats.items() if v}


def fit(model, loader, epochs, lr=1e-3, device="cuda"):
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    per_epoch = []
    for epoch in range(epochs):
        stats = train_epoch(model, loader, opt, device)
        per_epoch.append(summarize(stats))
        print(f"epoch {epoch}: {per_epoch[-1]}")
    return per_epoch
