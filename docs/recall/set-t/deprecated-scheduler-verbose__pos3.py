import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--min-lr", type=float, default=1e-6)
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--verbose", action="store_true")
    return ap.parse_args()


def build_optim(net, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=args.min_lr,
                                 verbose=args.verbose)
    return opt, lr_sched


def main():
    args = get_args()
    from model import UNet
    from data import make_loader

    net = UNet(in_ch=3, out_ch=1).cuda()
    loader = make_loader("train", batch_size=16)
    opt, lr_sched = build_optim(net, args)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.mse_loss(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        if args.verbose:
            print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
