import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(net, dataset, n_epochs=20, lr=1e-3, batch_size=64, device="cuda"):
    net = net.to(device)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(n_epochs):
        net.train()
        running = 0.0
        for it, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device).float()
            opt.zero_grad(set_to_none=True)
            loss = criterion(net(x).squeeze(1), y)
            loss.backward()
            opt.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")
    return net
