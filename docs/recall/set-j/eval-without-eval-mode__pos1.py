import torch
import torch.nn.functional as F


def train_epoch(model, loader, optimizer, device):
    model.train()
    for volume, seg in loader:
        volume, seg = volume.to(device), seg.to(device)
        optimizer.zero_grad()
        loss = F.binary_cross_entropy_with_logits(model(volume), seg)
        loss.backward()
        optimizer.step()


def dice_score(logits, target, eps=1e-6):
    pred = (logits.sigmoid() > 0.5).float()
    inter = (pred * target).sum(dim=(1, 2, 3, 4))
    union = pred.sum(dim=(1, 2, 3, 4)) + target.sum(dim=(1, 2, 3, 4))
    return ((2 * inter + eps) / (union + eps)).mean()


def validate(model, loader, device):
    scores = []
    with torch.no_grad():
        for volume, seg in loader:
            volume, seg = volume.to(device), seg.to(device)
            scores.append(dice_score(model(volume), seg).item())
    return sum(scores) / max(len(scores), 1)


def fit(model, train_loader, val_loader, epochs, lr=1e-4, device="cuda"):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    best = 0.0
    for epoch in range(epochs):
        train_epoch(model, train_loader, optimizer, device)
        dice = validate(model, val_loader, device)
        if dice > best:
            best = dice
            torch.save(model.state_dict(), "unet3d_best.pytorch")
        print(f"epoch {epoch}: val dice {dice:.4f} (best {best:.4f})")
