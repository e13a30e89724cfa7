import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


def train(model, train_ds, epochs=20, max_lr=0.1, device="cuda"):
    loader = DataLoader(train_ds, batch_size=128, shuffle=True, num_workers=4, pin_memory=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=max_lr, momentum=0.9,
                                nesterov=True, weight_decay=5e-4)
    scheduler = OneCycleLR(optimizer, max_lr=max_lr, epochs=epochs,
                           steps_per_epoch=len(loader), pct_start=0.25)
    criterion = nn.CrossEntropyLoss()
    model.to(device)

    for epoch in range(epochs):
        model.train()
        train_loss, correct, seen = 0.0, 0, 0
        for inputs, targets in loader:
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, targets)
            loss.backward()
            scheduler.step()
            optimizer.step()

            train_loss += loss.item() * targets.size(0)
            correct += outputs.argmax(1).eq(targets).sum().item()
            seen += targets.size(0)
        print(f"Epoch {epoch + 1}/{epochs} | loss {train_loss / seen:.3f} "
              f"| acc {100.0 * correct / seen:.2f}% | lr {scheduler.get_last_lr()[0]:.4f}")
