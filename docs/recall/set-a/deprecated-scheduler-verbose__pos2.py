import argparse

import torch
from torch.optim.lr_scheduler import StepLR


def get_args():
    p = argparse.ArgumentParser("train a GAN-free autoencoder")
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--step", type=int, default=20)
    p.add_argument("--gamma", type=float, default=0.5)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--verbose", action="store_true")
    return p.parse_args()


def build_optim(net, args):
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999))
    sched = StepLR(opt, step_size=args.step, gamma=args.gamma, verbose=args.verbose)
    return opt, sched


def main(net, loader, device="cuda"):
    args = get_args()
    net = net.to(device)
    opt, sched = build_optim(net, args)
    for epoch in range(args.epochs):
        net.train()
        epoch_loss = 0.0
        for x in loader:
            x = x.to(device)
            recon = net(x)
            loss = torch.nn.functional.mse_loss(recon, x)
            opt.zero_grad()
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        sched.step()
        if args.verbose:
            print(f"epoch {epoch}: {epoch_loss / len(loader):.5f}")
