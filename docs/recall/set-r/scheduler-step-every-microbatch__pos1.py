import argparse
import math

import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--micro_bs", type=int, default=8)
    p.add_argument("--grad_accum", type=int, default=8)
    p.add_argument("--warmup_steps", type=int, default=200)
    return p.parse_args()


def train(model, dataset, collator):
    args = parse()
    loader = DataLoader(dataset, batch_size=args.micro_bs, shuffle=True, collate_fn=collator)
    updates_per_epoch = math.ceil(len(loader) / args.grad_accum)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    sched = get_cosine_schedule_with_warmup(opt, args.warmup_steps,
                                            updates_per_epoch * args.epochs)
    model.cuda().train()
    opt.zero_grad()
    for epoch in range(args.epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss / args.grad_accum
            loss.backward()
            if (i + 1) % args.grad_accum == 0 or (i + 1) == len(loader):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
            sched.step()
            if i % 100 == 0:
                print(f"ep {epoch} it {i} loss {loss.item() * args.grad_accum:.4f}")
    return model
