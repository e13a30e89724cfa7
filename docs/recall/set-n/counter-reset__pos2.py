import argparse
import math

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def lr_for_step(step, base_lr, warm_steps, total_steps, floor=1e-6):
    if step < warm_steps:
        return base_lr * (step + 1) / warm_steps
    progress = (step - warm_steps) / max(1, total_steps - warm_steps)
    progress = min(1.0, progress)
    return floor + (base_lr - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))


def set_lr(opt, lr):
    for pg in opt.param_groups:
        pg["lr"] = lr


def train(net, train_ds, args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net.to(device)
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True,
                        num_workers=args.workers, drop_last=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
    total_steps = args.epochs * len(loader)

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for tokens, labels in loader:
            step = 0
            lr = lr_for_step(step, args.lr, args.warm_steps, total_steps)
            set_lr(opt, lr)

            tokens, labels = tokens.to(device), labels.to(device)
            logits = net(tokens)
            loss = F.cross_entropy(logits, labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()

            running += loss.item()
            step += 1
        print(f"epoch {epoch}: loss {running / len(loader):.4f} lr {lr:.2e}")


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--wd", type=float, default=0.05)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--warm-steps", type=int, default=1000)
    return p.parse_args()
