from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class Cfg:
    max_updates: int = 20000
    accumulate: int = 16
    ramp: int = 500
    lr: float = 6e-4


def lr_factor(update, cfg):
    if update < cfg.ramp:
        return (update + 1) / cfg.ramp
    remaining = max(1, cfg.max_updates - cfg.ramp)
    return max(0.0, 1.0 - (update - cfg.ramp) / remaining)


def pretrain(policy, batches, cfg: Cfg):
    opt = torch.optim.AdamW(policy.parameters(), lr=cfg.lr, weight_decay=0.1)
    sched = LambdaLR(opt, lambda u: lr_factor(u, cfg))
    data_iter = iter(batches)
    updates = 0
    micro = 0
    while updates < cfg.max_updates:
        tokens = next(data_iter).cuda()
        loss = policy(tokens[:, :-1], targets=tokens[:, 1:]) / cfg.accumulate
        loss.backward()
        micro += 1
        if micro % cfg.accumulate == 0:
            torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            updates += 1
        sched.step()
        if micro % 1000 == 0:
            print(f"update {updates} loss {loss.item() * cfg.accumulate:.3f} lr {sched.get_last_lr()[0]:.2e}")
    return policy
