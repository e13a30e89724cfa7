import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


def main(model, train_set, val_set, epochs=90, device="cuda"):
    train_loader = DataLoader(train_set, batch_size=256, shuffle=True, num_workers=8, pin_memory=True)
    val_loader = DataLoader(val_set, batch_size=256, shuffle=False, num_workers=8)
    model = model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = CosineAnnealingLR(optimizer, T_max=epochs)
    criterion = nn.CrossEntropyLoss()

    model.train()
    best_acc = 0.0
    for epoch in range(epochs):
        for images, target in train_loader:
            images, target = images.to(device), target.to(device)
            optimizer.zero_grad()
            loss = criterion(model(images), target)
            loss.backward()
            optimizer.step()
        scheduler.step()

        model.eval()
        correct = 0
        with torch.no_grad():
            for images, target in val_loader:
                out = model(images.to(device))
                correct += (out.argmax(1) == target.to(device)).sum().item()
        acc = correct / len(val_set)
        best_acc = max(best_acc, acc)
        print(f"epoch {epoch}: val acc {acc:.4f} (best {best_acc:.4f})")
    return best_acc
