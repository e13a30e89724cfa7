import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(net, train_set, epochs=10, lr=0.01, device="cuda"):
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    net.to(device)
    for epoch in range(epochs):
        net.train()
        running_loss = 0.0
        correct = 0
        for i, (inputs, labels) in enumerate(loader):
            inputs, labels = inputs.to(device), labels.to(device)
            opt.zero_grad()
            outputs = net(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            opt.step()
            running_loss += loss.item()
            correct += (outputs.argmax(1) == labels).sum().item()
            if i % 100 == 99:
                print(f"[{epoch + 1}, {i + 1}] loss {running_loss / 100:.3f}")
                running_loss = 0.0
        print(f"epoch {epoch + 1}: train acc {correct / len(train_set):.3f}")
