import torch
import torch.nn.functional as F


def train_epoch(model, loader, opt, device, epoch):
    model.train()
    epoch_loss = 0.0
    n_seen = 0
    for imgs, boxes, labels in loader:
        imgs = imgs.to(device)
        boxes, labels = boxes.to(device), labels.to(device)
        cls_logits, box_pred = model(imgs)
        cls_loss = F.cross_entropy(cls_logits.flatten(0, 1), labels.flatten(), ignore_index=-1)
        reg_loss = F.smooth_l1_loss(box_pred[labels >= 0], boxes[labels >= 0], beta=1.0 / 9)
        loss = cls_loss + reg_loss
        opt.zero_grad()
        loss.backward()
        opt.step()
        epoch_loss = epoch_loss + loss * imgs.size(0)
        n_seen += imgs.size(0)
    mean_loss = epoch_loss / n_seen
    print(f"epoch {epoch}: train loss {float(mean_loss):.4f}")
    return mean_loss


def fit(model, loader, epochs, lr=1e-3, device="cuda"):
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        history.append(float(train_epoch(model, loader, opt, device, epoch)))
    return history
