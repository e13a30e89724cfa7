import torch
from torch.optim.lr_scheduler import MultiStepLR


def train(model, loader, epochs=90):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = MultiStepLR(optimizer, milestones=[30, 60, 80], gamma=0.1)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        correct = total = 0
        for images, target in loader:
            output = model(images)
            loss = criterion(output, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (output.argmax(1) == target).sum().item()
            total += target.numel()
        scheduler.step()
        lr = scheduler.get_lr()[0]
        print(f"Epoch {epoch} | acc {100.0 * correct / max(1, total):.2f} | lr {lr:.5f}")
