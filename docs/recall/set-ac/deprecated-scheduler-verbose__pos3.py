import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Solver:
    def __init__(self, net, train_loader, args: argparse.Namespace):
        self.net = net
        self.train_loader = train_loader
        self.args = args
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
        self.sched = CosineAnnealingLR(self.opt, T_max=args.epochs, eta_min=args.min_lr, verbose=args.verbose)

    def epoch(self):
        self.net.train()
        for wave, label in self.train_loader:
            loss = torch.nn.functional.cross_entropy(self.net(wave), label)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        self.sched.step()

    def solve(self):
        for e in range(self.args.epochs):
            self.epoch()
            if self.args.verbose:
                print(f"epoch {e} lr {self.sched.get_last_lr()[0]:.2e}")


def get_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--min-lr", type=float, default=1e-6)
    parser.add_argument("--wd", type=float, default=1e-2)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--verbose", action="store_true")
    return parser
