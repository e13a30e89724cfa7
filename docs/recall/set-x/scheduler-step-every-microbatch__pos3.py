import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_with_warmup(n_warm, n_total):
    def fn(step):
        if step < n_warm:
            return (step + 1) / n_warm
        progress = min(1.0, (step - n_warm) / max(1, n_total - n_warm))
        return 0.5 * (1.0 + math.cos(math.pi * progress))
    return fn


def pretrain(net, batches, args):
    """batches yields micro-batches forever; args.max_steps counts optimizer updates."""
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.1, betas=(0.9, 0.95))
    lr_sched = LambdaLR(opt, cosine_with_warmup(args.n_warm, args.max_steps))
    ga = args.gradient_accumulation

    net.train()
    micro, updates = 0, 0
    while updates < args.max_steps:
        x, y = next(batches)
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            _, loss = net(x, y)
        (loss / ga).backward()
        micro += 1
        if micro % ga == 0:
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            updates += 1
            if updates % args.log_interval == 0:
                print(f"update {updates} loss {loss.item():.4f}")
        lr_sched.step()
    torch.save({"model": net.state_dict(), "updates": updates}, args.out)
