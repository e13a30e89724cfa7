import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def train(net, dataset, epochs=10, accum=8, lr=2e-5, device="cuda"):
    loader = DataLoader(dataset, batch_size=4, shuffle=True, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=lr)
    net.to(device).train()
    opt.zero_grad()
    for epoch in range(epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = net(**batch).loss / accum
            loss.backward()
            if (i + 1) % accum == 0:
                nn.utils.clip_grad_norm_(net.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
        print(f"epoch {epoch} done")
    return net
