import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def run(model, train_ds, val_ds, epochs=30, lr=0.05, device="cuda"):
    train_loader = DataLoader(train_ds, batch_size=128, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_ds, batch_size=256, shuffle=False, num_workers=4)
    model = model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    criterion = nn.CrossEntropyLoss()

    model.train()
    for epoch in range(epochs):
        train_loss = 0.0
        for inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad()
            loss = criterion(model(inputs), targets)
            loss.backward()
            optimizer.step()
            train_loss += loss.item()

        model.eval()
        correct = total = 0
        with torch.no_grad():
            for inputs, targets in val_loader:
                inputs, targets = inputs.to(device), targets.to(device)
                preds = model(inputs).argmax(dim=1)
                correct += (preds == targets).sum().item()
                total += targets.size(0)
        print(f"epoch {epoch}: train loss {train_loss / len(train_loader):.4f} "
              f"val acc {100.0 * correct / total:.2f}%")
    return model
