import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train(model, loader, device, epochs=90):
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = StepLR(optimizer, step_size=30, gamma=0.1, verbose=True)
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for images, target in loader:
            images, target = images.to(device), target.to(device)
            loss = criterion(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        scheduler.step()
        print(f"epoch {epoch}: loss {running / len(loader):.4f}")
    return model
