import time

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


def train_model(model, dataloaders, num_epochs=25, device="cuda"):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
    scheduler = StepLR(optimizer, step_size=7, gamma=0.1)
    since = time.time()
    best_acc = 0.0
    history = []

    for epoch in range(num_epochs):
        for phase in ("train", "val"):
            model.train() if phase == "train" else model.eval()
            running_loss, running_corrects, n = 0.0, 0, 0
            for inputs, labels in dataloaders[phase]:
                inputs, labels = inputs.to(device), labels.to(device)
                optimizer.zero_grad()
                with torch.set_grad_enabled(phase == "train"):
                    outputs = model(inputs)
                    loss = criterion(outputs, labels)
                    if phase == "train":
                        loss.backward()
                        optimizer.step()
                running_loss += loss.item() * inputs.size(0)
                running_corrects += (outputs.argmax(1) == labels).sum().item()
                n += inputs.size(0)
            if phase == "train":
                scheduler.step()
            epoch_acc = running_corrects / max(1, n)
            if phase == "val" and epoch_acc > best_acc:
                best_acc = epoch_acc

        lr = scheduler.get_lr()[0]
        history.append({"epoch": epoch, "lr": lr, "val_acc": epoch_acc})
        print(f"Epoch {epoch}/{num_epochs - 1} lr={lr:.6f} val_acc={epoch_acc:.4f}")

    print(f"Training complete in {time.time() - since:.0f}s, best val acc {best_acc:.4f}")
    return history
