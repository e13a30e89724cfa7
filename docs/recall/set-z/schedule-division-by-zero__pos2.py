import argparse
import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--warmup_steps", type=int, default=0, help="0 disables warm-up")
    ap.add_argument("--num_train_steps", type=int, default=10_000)
    ap.add_argument("--weight_decay", type=float, default=0.01)
    return ap.parse_args()


def make_schedule(args):
    def lr_lambda(step):
        warm = min(1.0, (step + 1) / args.warmup_steps)
        progress = min(1.0, step / max(1, args.num_train_steps))
        return warm * 0.5 * (1.0 + math.cos(math.pi * progress))

    return lr_lambda


def finetune(model, train_loader, args):
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": args.weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)],
         "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    sched = LambdaLR(opt, make_schedule(args))
    model.train()
    step = 0
    while step < args.num_train_steps:
        for batch in train_loader:
            out = model(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step >= args.num_train_steps:
                break
