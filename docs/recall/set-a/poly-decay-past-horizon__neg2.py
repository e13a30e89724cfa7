import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--max_iter", type=int, default=40000)
    p.add_argument("--power", type=float, default=0.9)
    return p.parse_args()


def train(net, loader, device="cuda"):
    args = get_args()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    horizon = max(1, args.max_iter)
    sched = LambdaLR(opt, lambda it: max(0.0, 1.0 - it / horizon) ** args.power)
    it = 0
    while it < args.max_iter:
        net.train()
        for img, lbl in loader:
            loss = F.cross_entropy(net(img.to(device)), lbl.to(device), ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            it += 1
            if it >= args.max_iter:
                break
        print(f"iter {it}: loss {loss.item():.4f}")
