import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_with_warmup(optimizer, num_training_steps, warmup_ratio=0.0, min_ratio=0.0):
    num_warmup_steps = int(warmup_ratio * num_training_steps)

    def lr_lambda(step):
        warm = min(1.0, (step + 1) / num_warmup_steps)
        progress = min(1.0, step / max(1, num_training_steps))
        decay = 0.5 * (1.0 + math.cos(math.pi * progress))
        return warm * (min_ratio + (1.0 - min_ratio) * decay)

    return LambdaLR(optimizer, lr_lambda)


def finetune(net, train_dl, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    total = args.num_epochs * len(train_dl)
    lr_sched = cosine_with_warmup(opt, total, warmup_ratio=args.warmup_ratio)
    net.train()
    for epoch in range(args.num_epochs):
        for step, batch in enumerate(train_dl):
            out = net(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), args.max_grad_norm)
            opt.step()
            lr_sched.step()
            opt.zero_grad()
            if step % args.log_every == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
