import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train(model, train_loader, epochs=90, lr=0.1, device="cuda", verbose=True):
    model = model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        for data, target in train_loader:
            data, target = data.to(device), target.to(device)
            optimizer.zero_grad()
            loss = criterion(model(data), target)
            loss.backward()
            optimizer.step()
        prev = scheduler.get_last_lr()[0]
        scheduler.step()
        new = scheduler.get_last_lr()[0]
        if verbose and new != prev:
            print(f"Epoch {epoch}: adjusting learning rate to {new:.4e}.")
