import numpy as np
import torch


def dice_score(pred, target, eps=1e-6):
    inter = (pred * target).sum(dim=(1, 2, 3))
    union = pred.sum(dim=(1, 2, 3)) + target.sum(dim=(1, 2, 3))
    return ((2 * inter + eps) / (union + eps)).mean().item()


@torch.no_grad()
def evaluate(unet3d, loader, device, threshold=0.5):
    scores = []
    for volume, label in loader:
        volume, label = volume.to(device), label.to(device)
        prob = torch.sigmoid(unet3d(volume))
        scores.append(dice_score((prob > threshold).float(), label))
    return float(np.mean(scores)) if scores else 0.0


def train(unet3d, train_loader, val_loader, opt, loss_fn, epochs, device="cuda"):
    best = -1.0
    for epoch in range(epochs):
        unet3d.train()
        for volume, label in train_loader:
            volume, label = volume.to(device), label.to(device)
            opt.zero_grad()
            loss = loss_fn(unet3d(volume), label)
            loss.backward()
            opt.step()
        dice = evaluate(unet3d, val_loader, device)
        if dice > best:
            best = dice
            torch.save(unet3d.state_dict(), "unet3d_best.pt")
        print(f"epoch {epoch}: val dice {dice:.4f}")
