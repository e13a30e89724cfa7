import math

import torch

from lm.data import get_batch
from lm.model import Transformer

cfg = dict(max_iters=50000, warmup=1000, lr=3e-4, min_lr=3e-5, clip=1.0)


def lr_at(step):
    if step < cfg["warmup"]:
        return cfg["lr"] * (step + 1) / cfg["warmup"]
    progress = min(1.0, (step - cfg["warmup"]) / max(1, cfg["max_iters"] - cfg["warmup"]))
    return cfg["min_lr"] + 0.5 * (1 + math.cos(math.pi * progress)) * (cfg["lr"] - cfg["min_lr"])


net = Transformer(n_layer=8, n_head=8, d_model=512).cuda()
opt = torch.optim.AdamW(net.parameters(), lr=cfg["lr"], weight_decay=0.1)

net.train()
step = 0
while step < cfg["max_iters"]:
    lr = lr_at(step)
    for g in opt.param_groups:
        g["lr"] = lr
    xb, yb = get_batch("train")
    _, loss = net(xb.cuda(), yb.cuda())
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), cfg["clip"])
    opt.step()
    step += 1
    if step % 500 == 0:
        print(f"step {step} loss {loss.item():.4f} lr {lr:.2e}")
