import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(warm, total):
    def fn(step):
        if step < warm:
            return (step + 1) / warm
        progress = min(1.0, (step - warm) / max(1, total - warm))
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    return fn


def run(net, loader, n_epochs, lr=2e-4, warm=500, start_step=0):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    total = n_epochs * len(loader)
    lr_scheduler = LambdaLR(opt, warmup_cosine(warm, total))
    global_step = start_step
    for ep in range(n_epochs):
        net.train()
        for i, (src, tgt) in enumerate(loader):
            out = net(src, tgt[:, :-1])
            loss = F.cross_entropy(out.reshape(-1, out.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=0)
            opt.zero_grad()
            loss.backward()
            opt.step()
            global_step += 1
            lr_scheduler.step(global_step)
            if i % 100 == 0:
                print(f"ep {ep} step {global_step} loss {loss.item():.4f}")
