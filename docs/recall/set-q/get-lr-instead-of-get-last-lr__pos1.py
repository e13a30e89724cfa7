import time

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train(model, loader, epochs=50, lr=0.01):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    scheduler = StepLR(optimizer, step_size=15, gamma=0.1)
    for epoch in range(epochs):
        model.train()
        since = time.time()
        running_loss, running_corrects = 0.0, 0
        for inputs, labels in loader:
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running_loss += loss.item() * inputs.size(0)
            running_corrects += (outputs.argmax(1) == labels).sum().item()
        scheduler.step()
        n = len(loader.dataset)
        print(
            f"Epoch {epoch}/{epochs - 1} Loss: {running_loss / n:.4f} "
            f"Acc: {running_corrects / n:.4f} LR: {scheduler.get_lr()[0]:.6f} "
            f"({time.time() - since:.0f}s)"
        )
    return model
