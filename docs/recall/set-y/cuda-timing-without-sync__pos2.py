import time

import torch
from torch.utils.data import DataLoader


def train(net, dataset, steps, lr=6e-4, bs=16, log_every=20):
    dev = torch.device("cuda")
    loader = DataLoader(dataset, batch_size=bs, shuffle=True, drop_last=True,
                        num_workers=4, pin_memory=True)
    net = net.to(dev)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.1)
    net.train()
    step = 0
    while step < steps:
        for step_in_epoch, batch in enumerate(loader):
            tic = time.perf_counter()
            batch = batch.to(dev, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            loss = net(batch[:, :-1], targets=batch[:, 1:])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step_time = time.perf_counter() - tic
            step += 1
            if step % log_every == 0:
                tok_per_s = bs * batch.size(1) / step_time
                print(f"step {step} loss {loss.item():.4f} "
                      f"{step_time * 1000:.1f} ms/it {tok_per_s:.0f} tok/s")
            if step >= steps:
                break
    return net
