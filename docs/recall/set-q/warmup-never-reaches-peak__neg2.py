import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR


def get_parser():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--n_warm", type=int, default=4000)
    p.add_argument("--max_steps", type=int, default=100000)
    return p


def make_scheduler(opt, args):
    n_warm = max(1, args.n_warm)
    return LambdaLR(opt, lr_lambda=lambda s: min(1.0, (s + 1) / n_warm))


def main(policy, env_batches):
    args = get_parser().parse_args()
    opt = torch.optim.Adam(policy.parameters(), lr=args.lr)
    lr_sched = make_scheduler(opt, args)
    policy.train()
    for step, (obs, act, ret) in enumerate(env_batches, start=1):
        dist = policy(obs)
        loss = -(dist.log_prob(act) * ret).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
        if step >= args.max_steps:
            break
