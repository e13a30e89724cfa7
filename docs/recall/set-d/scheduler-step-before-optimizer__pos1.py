import torch
from torch.optim.lr_scheduler import OneCycleLR


def train(model, train_loader, val_loader, epochs=30, max_lr=1e-3, device="cuda"):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=max_lr / 25)
    scheduler = OneCycleLR(optimizer, max_lr=max_lr, epochs=epochs, steps_per_epoch=len(train_loader))
    criterion = torch.nn.CrossEntropyLoss()

    for epoch in range(epochs):
        model.train()
        for inputs, labels in train_loader:
            inputs, labels = inputs.to(device), labels.to(device)
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            optimizer.zero_grad()
            loss.backward()
            scheduler.step()
            optimizer.step()

        model.eval()
        correct = total = 0
        with torch.no_grad():
            for inputs, labels in val_loader:
                preds = model(inputs.to(device)).argmax(dim=1)
                correct += (preds == labels.to(device)).sum().item()
                total += labels.size(0)
        print(f"epoch {epoch}: val acc {correct / max(1, total):.4f}")
