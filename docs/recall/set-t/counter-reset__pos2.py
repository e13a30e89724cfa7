import argparse
import math

import torch
from torch.utils.data import DataLoader


def lr_at(step, base_lr, warm, total):
    if step < warm:
        return base_lr * (step + 1) / warm
    progress = min(1.0, (step - warm) / max(1, total - warm))
    return base_lr * 0.5 * (1.0 + math.cos(math.pi * progress))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--n_warm", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    from data import build_dataset
    from models import build_net

    net = build_net().cuda()
    loader = DataLoader(build_dataset("train"), batch_size=args.batch_size, shuffle=True, num_workers=4)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    total = args.epochs * len(loader)

    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            global_step = 0
            lr = lr_at(global_step, args.lr, args.n_warm, total)
            for g in opt.param_groups:
                g["lr"] = lr
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            global_step += 1
        print(f"epoch {epoch} lr {lr:.5f} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
