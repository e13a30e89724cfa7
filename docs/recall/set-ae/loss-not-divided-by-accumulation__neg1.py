import torch
import torch.nn as nn


def train_epoch(model, loader, optimizer, device, accum_steps=4, clip=1.0):
    model.train()
    criterion = nn.CrossEntropyLoss()
    optimizer.zero_grad(set_to_none=True)
    n_batches = len(loader)
    running = 0.0
    for i, (images, labels) in enumerate(loader):
        images, labels = images.to(device), labels.to(device)
        loss = criterion(model(images), labels)
        running += loss.item()
        loss = loss / accum_steps
        loss.backward()
        if (i + 1) % accum_steps == 0 or (i + 1) == n_batches:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
    return running / max(n_batches, 1)
