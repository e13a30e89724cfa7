import time

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    running = 0.0
    for inputs, labels in loader:
        inputs, labels = inputs.to(device), labels.to(device)
        optimizer.zero_grad()
        loss = criterion(model(inputs), labels)
        loss.backward()
        optimizer.step()
        running += loss.item() * inputs.size(0)
    return running / len(loader.dataset)


def train_model(model, dataloaders, num_epochs=25, device="cuda"):
    since = time.time()
    model = model.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
    scheduler = StepLR(optimizer, step_size=7, gamma=0.1)

    for epoch in range(num_epochs):
        print(f"Epoch {epoch}/{num_epochs - 1}")
        epoch_loss = train_epoch(model, dataloaders["train"], criterion, optimizer, device)
        scheduler.step(epoch)
        print(f"train loss: {epoch_loss:.4f}  lr: {scheduler.get_last_lr()[0]:.6f}")

    elapsed = time.time() - since
    print(f"Training complete in {elapsed // 60:.0f}m {elapsed % 60:.0f}s")
    return model
