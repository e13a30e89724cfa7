import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def fit(net, dataset, n_iters=10000, lr=1e-3, bs=64, device="cuda"):
    loader = DataLoader(dataset, batch_size=bs, shuffle=True, drop_last=True, num_workers=4)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    mse = nn.MSELoss()
    net.to(device).train()
    it = 0
    batches = iter(loader)
    while it < n_iters:
        try:
            src, tgt = next(batches)
        except StopIteration:
            batches = iter(loader)
            src, tgt = next(batches)
        loss = mse(net(src.to(device)), tgt.to(device))
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        if it % 100 == 0:
            print(f"iter {it:6d}  loss {loss.item():.5f}")
        it += 1
    return net
