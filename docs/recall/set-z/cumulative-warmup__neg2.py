import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(n_warm, n_total, floor=0.1):
    n_warm = max(0, n_warm)
    n_total = max(n_warm + 1, n_total)

    def fn(step):
        if step < n_warm:
            return (step + 1) / n_warm
        progress = min(1.0, (step - n_warm) / (n_total - n_warm))
        return floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))

    return fn


def pretrain(net, batches, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.1)
    lr_sched = LambdaLR(opt, lr_lambda=warmup_cosine(args.n_warm, args.max_steps))
    for it, (x, y) in enumerate(batches):
        if it >= args.max_steps:
            break
        logits = net(x)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        lr_sched.step()
        if it % 100 == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr_sched.get_last_lr()[0]:.2e}")
