import torch
from torch import nn
from torch.utils.data import DataLoader


def fit(net, train_ds, valid_ds, epochs=10, lr=0.05, bs=64, dev="cuda"):
    train_dl = DataLoader(train_ds, batch_size=bs, shuffle=True, num_workers=2)
    valid_dl = DataLoader(valid_ds, batch_size=bs * 2)
    loss_func = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    net.to(dev)

    for epoch in range(epochs):
        net.train()
        for xb, yb in train_dl:
            xb, yb = xb.to(dev), yb.to(dev)
            loss = loss_func(net(xb), yb)
            loss.backward()
            opt.step()
            opt.zero_grad()

        net.eval()
        with torch.no_grad():
            valid_loss = 0.0
            for xb, yb in valid_dl:
                xb, yb = xb.to(dev), yb.to(dev)
                valid_loss += loss_func(net(xb), yb).item() * len(xb)
        print(epoch, valid_loss / len(valid_ds))
    return net
