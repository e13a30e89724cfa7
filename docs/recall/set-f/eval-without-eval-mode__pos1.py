import numpy as np
import torch


def dice_coefficient(pred, target, eps=1e-6):
    inter = (pred * target).sum()
    return (2 * inter + eps) / (pred.sum() + target.sum() + eps)


@torch.no_grad()
def evaluate(unet3d, loader, device="cuda", threshold=0.5):
    scores = []
    for volume, label in loader:
        volume, label = volume.to(device), label.to(device)
        prob = torch.sigmoid(unet3d(volume))
        scores.append(dice_coefficient((prob > threshold).float(), label).item())
    return float(np.mean(scores))


def train(unet3d, train_loader, val_loader, epochs, lr=1e-4, device="cuda"):
    opt = torch.optim.Adam(unet3d.parameters(), lr=lr)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    unet3d.to(device)
    for epoch in range(epochs):
        unet3d.train()
        for volume, label in train_loader:
            volume, label = volume.to(device), label.to(device)
            opt.zero_grad()
            loss = loss_fn(unet3d(volume), label)
            loss.backward()
            opt.step()
        dice = evaluate(unet3d, val_loader, device)
        print(f"epoch {epoch}: val dice {dice:.4f}")
