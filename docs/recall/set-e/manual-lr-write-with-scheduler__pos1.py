import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

from lm.data import get_batch
from lm.model import Transformer

max_iters = 100000
warmup_iters = 2000
lr_decay_iters = 100000
learning_rate = 6e-4
min_lr = 6e-5
grad_clip = 1.0


def lr_for_iter(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / warmup_iters
    if it > lr_decay_iters:
        return min_lr
    ratio = (it - warmup_iters) / max(1, lr_decay_iters - warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
    return min_lr + coeff * (learning_rate - min_lr)


net = Transformer(n_layer=12, n_head=12, d_model=768).cuda()
opt = torch.optim.AdamW(net.parameters(), lr=learning_rate,
                        betas=(0.9, 0.95), weight_decay=0.1)
sched = CosineAnnealingLR(opt, T_max=max_iters, eta_min=min_lr)

net.train()
for it in range(max_iters):
    lr = lr_for_iter(it)
    for group in opt.param_groups:
        group["lr"] = lr
    xb, yb = get_batch("train")
    _, loss = net(xb.cuda(), yb.cuda())
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), grad_clip)
    opt.step()
    sched.step()
    if it % 1000 == 0:
        print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
        torch.save({"model": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "iter": it}, "ckpt.pt")
