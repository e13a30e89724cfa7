from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass
class HParams:
    lr: float = 5e-4
    n_warm: int = 4000
    max_steps: int = 100_000
    clip: float = 1.0


def apply_warmup(opt, step, n_warm):
    if step >= n_warm:
        return
    scale = (step + 1) / n_warm
    for group in opt.param_groups:
        group["lr"] *= scale


def train(net, data_iter, hp: HParams):
    opt = torch.optim.Adam(net.parameters(), lr=hp.lr, betas=(0.9, 0.98), eps=1e-9)
    step = 0
    net.train()
    while step < hp.max_steps:
        src, tgt = next(data_iter)
        apply_warmup(opt, step, hp.n_warm)
        logits = net(src, tgt[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)),
                               tgt[:, 1:].reshape(-1), ignore_index=0)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), hp.clip)
        opt.step()
        step += 1
        if step % 500 == 0:
            print(step, round(loss.item(), 4), opt.param_groups[0]["lr"])
    return net
