import argparse
import math

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--min_lr", type=float, default=3e-5)
    p.add_argument("--n_warm", type=int, default=2000)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch_size", type=int, default=64)
    return p.parse_args()


def lr_at(step, total, args):
    if step < args.n_warm:
        return args.lr * (step + 1) / args.n_warm
    progress = min(1.0, (step - args.n_warm) / max(1, total - args.n_warm))
    return args.min_lr + 0.5 * (args.lr - args.min_lr) * (1.0 + math.cos(math.pi * progress))


def train(net, dataset, device="cuda"):
    args = parse_args()
    loader = DataLoader(dataset, batch_size=args.batch_size, shuffle=True, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.1)
    total = args.epochs * len(loader)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            step = 0
            lr = lr_at(step, total, args)
            for g in opt.param_groups:
                g["lr"] = lr
            x, y = x.to(device), y.to(device)
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step += 1
        print(f"epoch {epoch} done, last loss {loss.item():.4f}, lr {lr:.2e}")
