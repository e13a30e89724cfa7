import torch
import torch.nn.functional as F


def dice_coeff(pred, target, eps=1e-6):
    inter = (pred * target).sum(dim=(1, 2, 3))
    union = pred.sum(dim=(1, 2, 3)) + target.sum(dim=(1, 2, 3))
    return ((2 * inter + eps) / (union + eps)).mean()


def evaluate(net, dataloader, device, threshold=0.5):
    was_training = net.training
    net.train(False)
    dice_score = 0.0
    with torch.no_grad():
        for image, mask_true in dataloader:
            image = image.to(device=device, dtype=torch.float32)
            mask_true = mask_true.to(device=device, dtype=torch.float32)
            mask_pred = (torch.sigmoid(net(image)) > threshold).float()
            dice_score += dice_coeff(mask_pred, mask_true).item()
    net.train(was_training)
    return dice_score / max(len(dataloader), 1)


def train(net, train_loader, val_loader, device, epochs=20, lr=1e-4):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    net.to(device)
    for epoch in range(epochs):
        net.train()
        for image, mask in train_loader:
            image, mask = image.to(device), mask.to(device).float()
            opt.zero_grad()
            loss = F.binary_cross_entropy_with_logits(net(image), mask)
            loss.backward()
            opt.step()
        score = evaluate(net, val_loader, device)
        print(f"epoch {epoch}: val dice {score:.4f}")
