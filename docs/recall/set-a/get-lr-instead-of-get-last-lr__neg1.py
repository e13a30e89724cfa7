import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.tensorboard import SummaryWriter


def train(model, train_loader, epochs=90, device="cuda", log_dir="runs/exp"):
    writer = SummaryWriter(log_dir)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = MultiStepLR(optimizer, milestones=[30, 60], gamma=0.1)
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        writer.add_scalar("train/lr", scheduler.get_last_lr()[0], epoch)
        writer.add_scalar("train/loss", loss.item(), epoch)
    writer.close()
    return model
