import argparse
import math

import torch
import torch.nn.functional as F


def lr_for_step(it, args):
    if it < args.n_warm:
        return args.lr * (it + 1) / args.n_warm
    progress = min(1.0, (it - args.n_warm) / max(1, args.total_steps - args.n_warm))
    return args.min_lr + 0.5 * (args.lr - args.min_lr) * (1.0 + math.cos(math.pi * progress))


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--min-lr", type=float, default=1e-5)
    p.add_argument("--n-warm", type=int, default=2000)
    p.add_argument("--total-steps", type=int, default=200_000)
    p.add_argument("--epochs", type=int, default=20)
    return p.parse_args()


def run(net, loader, args, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    net.to(device).train()
    epoch = 0
    while epoch < args.epochs:
        for src, tgt in loader:
            it = 0
            lr = lr_for_step(it, args)
            for group in opt.param_groups:
                group["lr"] = lr
            src, tgt = src.to(device), tgt.to(device)
            out = net(src)
            loss = F.mse_loss(out, tgt)
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
        epoch += 1
        print(f"epoch {epoch} done, lr={opt.param_groups[0]['lr']:.3e}")


if __name__ == "__main__":
    from models import Regressor
    from data import build_loader

    a = get_args()
    run(Regressor(), build_loader(batch_size=64, shuffle=True), a)
