import argparse

import torch
from torch.optim import lr_scheduler


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n_epochs", type=int, default=200)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--decay_every", type=int, default=50)
    return ap.parse_args()


def run(gen, disc, loader, adv_loss):
    args = get_args()
    opt_g = torch.optim.Adam(gen.parameters(), lr=args.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=args.lr, betas=(0.5, 0.999))
    lr_sched_g = lr_scheduler.StepLR(opt_g, step_size=args.decay_every, gamma=0.5)
    lr_sched_d = lr_scheduler.StepLR(opt_d, step_size=args.decay_every, gamma=0.5)
    ep = 0
    while ep < args.n_epochs:
        gen.train()
        disc.train()
        for real, cond in loader:
            fake = gen(cond)
            opt_d.zero_grad()
            d_loss = adv_loss(disc(real), True) + adv_loss(disc(fake.detach()), False)
            d_loss.backward()
            opt_d.step()
            opt_g.zero_grad()
            g_loss = adv_loss(disc(fake), True)
            g_loss.backward()
            opt_g.step()
        lr_sched_g.step()
        lr_sched_d.step(ep + 1)
        ep += 1
