import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from models import VGG11BN
from data import load_split


def main(epochs=40, lr=0.05, device="cuda"):
    train_loader = DataLoader(load_split("train"), batch_size=128, shuffle=True, num_workers=4)
    val_loader = DataLoader(load_split("val"), batch_size=256, shuffle=False, num_workers=4)
    net = VGG11BN(num_classes=100).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs)
    criterion = nn.CrossEntropyLoss()

    net.train()
    for epoch in range(epochs):
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = criterion(net(x), y)
            loss.backward()
            opt.step()
        sched.step()

        net.eval()
        correct = total = 0
        with torch.no_grad():
            for x, y in val_loader:
                x, y = x.to(device), y.to(device)
                correct += (net(x).argmax(dim=1) == y).sum().item()
                total += y.numel()
        print(f"epoch {epoch}: train loss {loss.item():.3f} val acc {correct / total:.4f}")


if __name__ == "__main__":
    main()
