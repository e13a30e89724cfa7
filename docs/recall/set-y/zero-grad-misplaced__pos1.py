import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def fit(net, dataset, n_iters=10000, lr=1e-3, bs=64, device="cuda"):
    loader = DataLoader(dataset, batch_size=bs, shuffle=True, drop_last=True, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    mse = nn.MSELoss()
    net.to(device).train()
    it = 0
    data_iter = iter(loader)
    while it < n_iters:
        try:
            src, tgt = next(data_iter)
        except StopIteration:
            data_iter = iter(loader)
            src, tgt = next(data_iter)
        pred = net(src.to(device))
        loss = mse(pred, tgt.to(device))
        loss.backward()
        opt.step()
        if it % 100 == 0:
            print(f"iter {it:6d}  loss {loss.item():.5f}")
        it += 1
    return net


if __name__ == "__main__":
    from toy_data import SineDataset

    model = nn.Sequential(nn.Linear(1, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 1))
    fit(model, SineDataset(4096), device="cuda" if torch.cuda.is_available() else "cpu")
