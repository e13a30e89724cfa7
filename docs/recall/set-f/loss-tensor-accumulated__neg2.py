import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def run(net, train_set, val_set, epochs=30, lr=1e-3):
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=256, shuffle=False, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = nn.MSELoss()

    for epoch in range(epochs):
        net.train()
        train_total = 0.0
        for x, y in train_loader:
            x, y = x.cuda(), y.cuda()
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
            train_total += loss.item() * x.size(0)

        net.eval()
        val_total = 0
        with torch.no_grad():
            for x, y in val_loader:
                x, y = x.cuda(), y.cuda()
                val_total += loss_fn(net(x), y) * x.size(0)
        print(
            f"epoch {epoch}: train {train_total / len(train_set):.4f} "
            f"val {val_total.item() / len(val_set):.4f}"
        )
    return net
