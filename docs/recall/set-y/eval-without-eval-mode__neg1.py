import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def validate(model, loader, device):
    model.eval()
    total_loss, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            logits = model(images)
            total_loss += F.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(1) == labels).sum().item()
            n += labels.size(0)
    model.train()
    return total_loss / n, correct / n


def run(model, train_set, val_set, epochs=30, lr=1e-3, device="cuda"):
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=256, num_workers=4)
    model = model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for epoch in range(epochs):
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            opt.zero_grad()
            loss = F.cross_entropy(model(images), labels)
            loss.backward()
            opt.step()
        val_loss, val_acc = validate(model, val_loader, device)
        print(f"epoch {epoch}: val loss {val_loss:.4f} acc {val_acc:.4f}")
    return model
