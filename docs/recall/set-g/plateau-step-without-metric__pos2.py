import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def train(net, loader, epochs=50, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-5)
    reducer = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=10, min_lr=1e-6)
    crit = torch.nn.MSELoss()
    for epoch in range(epochs):
        net.train()
        epoch_loss = 0.0
        for step, (x, y) in enumerate(loader):
            pred = net(x)
            loss = crit(pred, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            reducer.step(loss.item())
            epoch_loss += loss.item()
        print(f"epoch {epoch}: loss {epoch_loss / max(1, len(loader)):.5f} lr {opt.param_groups[0]['lr']:.2e}")
    return net
