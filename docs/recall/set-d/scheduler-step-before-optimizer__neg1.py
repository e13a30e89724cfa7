import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(model, train_loader, epochs=30, max_lr=1e-3, accum=4, device="cuda"):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=max_lr / 25)
    updates_per_epoch = max(1, len(train_loader) // accum)
    scheduler = OneCycleLR(optimizer, max_lr=max_lr, epochs=epochs, steps_per_epoch=updates_per_epoch)
    criterion = torch.nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        for i, (inputs, labels) in enumerate(train_loader):
            if i >= updates_per_epoch * accum:
                break
            outputs = model(inputs.to(device))
            loss = criterion(outputs, labels.to(device)) / accum
            loss.backward()
            if (i + 1) % accum == 0:
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
        print(f"epoch {epoch} lr {scheduler.get_last_lr()[0]:.2e}")
