import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=2e-5)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--warmup_steps", type=int, default=0,
                   help="linear warm-up steps (0 disables warm-up)")
    p.add_argument("--weight_decay", type=float, default=0.0)
    return p.parse_args()


def build(model, args):
    no_decay = ("bias", "LayerNorm.weight")
    grouped = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": args.weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)],
         "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(grouped, lr=args.lr)
    sched = LambdaLR(opt, lambda s: min(1.0, (s + 1) / args.warmup_steps))
    return opt, sched


def finetune(model, train_dl):
    args = get_args()
    opt, sched = build(model, args)
    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(train_dl):
            out = model(**{k: v.cuda() for k, v in batch.items()})
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            if step % 50 == 0:
                print(epoch, step, out.loss.item(), sched.get_last_lr()[0])
    return model
