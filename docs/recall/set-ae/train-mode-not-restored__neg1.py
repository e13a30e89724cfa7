import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def run(net, train_ds, val_ds, epochs=30, lr=0.05, device="cuda"):
    train_loader = DataLoader(train_ds, batch_size=128, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_ds, batch_size=256, shuffle=False, num_workers=4)
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    crit = nn.CrossEntropyLoss()

    for epoch in range(epochs):
        net.train()
        for inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            opt.zero_grad()
            loss = crit(net(inputs), targets)
            loss.backward()
            opt.step()

        net.eval()
        correct = total = 0
        with torch.no_grad():
            for inputs, targets in val_loader:
                inputs, targets = inputs.to(device), targets.to(device)
                correct += (net(inputs).argmax(1) == targets).sum().item()
                total += targets.size(0)
        print(f"epoch {epoch}: val acc {100.0 * correct / total:.2f}%")
    return net
