import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, train_set, epochs=20, lr=1e-3, batch_size=64, device="cuda"):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4)
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    losses = []
    for epoch in range(epochs):
        model.train()
        running_loss = 0.0
        for i, (inputs, labels) in enumerate(loader):
            inputs, labels = inputs.to(device), labels.to(device)
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running_loss += loss
            if i % 200 == 199:
                print(f"[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 200:.3f}")
                losses.append(float(running_loss) / 200)
                running_loss = 0.0
    return losses
