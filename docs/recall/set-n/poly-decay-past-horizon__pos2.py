import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def poly_lr(base_lr, cur_iter, max_iter, power=0.9):
    return base_lr * (1 - cur_iter / max_iter) ** power


def main(net, train_set):
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-lr", type=float, default=0.01)
    ap.add_argument("--max-iter", type=int, default=40000)
    ap.add_argument("--epochs", type=int, default=120)
    ap.add_argument("--batch-size", type=int, default=8)
    args = ap.parse_args()

    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=4, drop_last=True)
    opt = torch.optim.SGD(net.parameters(), lr=args.base_lr, momentum=0.9, weight_decay=1e-4)
    crit = nn.CrossEntropyLoss(ignore_index=255)
    cur_iter = 0
    for epoch in range(args.epochs):
        net.train()
        for img, mask in loader:
            lr = poly_lr(args.base_lr, cur_iter, args.max_iter)
            opt.param_groups[0]["lr"] = lr
            for g in opt.param_groups[1:]:
                g["lr"] = lr * 10

            out = net(img.cuda())
            loss = crit(out, mask.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            cur_iter += 1
        print(f"epoch {epoch} iter {cur_iter} lr {lr:.6f} loss {loss.item():.4f}")
