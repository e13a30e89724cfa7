import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR

from models import build_adapter_model
from data import build_loader


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lrs", type=float, nargs="+", default=[1e-5, 1e-4, 1e-3])
    ap.add_argument("--n_warm", type=int, nargs="+", default=[2000, 500, 100],
                    help="warm-up iterations for encoder, adapters and classifier")
    ap.add_argument("--iters", type=int, default=20000)
    return ap.parse_args()


def main():
    args = parse()
    net = build_adapter_model().cuda()
    modules = [net.encoder, net.adapters, net.classifier]
    opt = torch.optim.AdamW(
        [{"params": m.parameters(), "lr": lr} for m, lr in zip(modules, args.lrs)])
    ramps = [lambda it: min(1.0, (it + 1) / w) for w in args.n_warm]
    lr_sched = LambdaLR(opt, lr_lambda=ramps)

    loader = build_loader("train", batch_size=32)
    data = iter(loader)
    for it in range(args.iters):
        try:
            batch = next(data)
        except StopIteration:
            data = iter(loader)
            batch = next(data)
        net.train()
        loss = net(**{k: v.cuda() for k, v in batch.items()}).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
        if it % 500 == 0:
            print(it, loss.item(), lr_sched.get_last_lr())
    torch.save(net.state_dict(), "adapter_final.pt")


if __name__ == "__main__":
    main()
