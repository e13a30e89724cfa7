import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader


def train(net, train_set, val_set, epochs=40, lr=0.05, device="cuda"):
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=128, shuffle=False, num_workers=4)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = StepLR(opt, step_size=15, gamma=0.1)
    criterion = nn.CrossEntropyLoss()
    net.to(device)

    net.train()
    for epoch in range(epochs):
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = criterion(net(x), y)
            loss.backward()
            opt.step()
        lr_sched.step()

        net.eval()
        correct = 0
        with torch.no_grad():
            for x, y in val_loader:
                correct += (net(x.to(device)).argmax(1) == y.to(device)).sum().item()
        print(f"epoch {epoch}: val acc {correct / len(val_set):.4f}")
    return net
