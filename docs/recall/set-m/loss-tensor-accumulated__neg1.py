import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(model, train_set, epochs=25, lr=0.01, device="cuda"):
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=2)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.to(device)

    for epoch in range(epochs):
        model.train()
        running_loss = 0.0
        for i, (inputs, labels) in enumerate(loader):
            inputs, labels = inputs.to(device), labels.to(device)
            opt.zero_grad()
            loss = criterion(model(inputs), labels)
            loss.backward()
            opt.step()
            running_loss += loss.item()
            if (i + 1) % 200 == 0:
                print(f"[{epoch + 1}, {i + 1}] loss: {running_loss / 200:.3f}")
                running_loss = 0.0
    return model
