import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(net, train_set, epochs=20, lr=1e-3, batch_size=64, device="cuda"):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, num_workers=4)
    net = net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        running_loss = 0.0
        for i, (inputs, labels) in enumerate(loader):
            inputs, labels = inputs.to(device), labels.to(device)
            opt.zero_grad()
            loss = crit(net(inputs), labels)
            loss.backward()
            opt.step()
            running_loss += loss.item()
            if i % 200 == 199:
                print(f"[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 200:.3f}")
                running_loss = 0.0
    return net
