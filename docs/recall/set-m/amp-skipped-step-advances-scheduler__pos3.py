import argparse

import torch
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import LambdaLR

from data import get_translation_loader
from model import Seq2SeqTransformer


def noam(d_model, n_warm):
    n_warm = max(1, n_warm)

    def fn(step):
        step = step + 1
        return d_model ** -0.5 * min(step ** -0.5, step * n_warm ** -1.5)
    return fn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n_warm", type=int, default=4000)
    ap.add_argument("--max_steps", type=int, default=100000)
    ap.add_argument("--d_model", type=int, default=512)
    ap.add_argument("--clip", type=float, default=1.0)
    args = ap.parse_args()

    net = Seq2SeqTransformer(d_model=args.d_model).cuda()
    loader = get_translation_loader("train", batch_tokens=8192, shuffle=True)
    opt = torch.optim.Adam(net.parameters(), lr=1.0, betas=(0.9, 0.98), eps=1e-9)
    lr_sched = LambdaLR(opt, noam(args.d_model, args.n_warm))
    scaler = GradScaler()

    step = 0
    net.train()
    while step < args.max_steps:
        for src, tgt in loader:
            src, tgt = src.cuda(), tgt.cuda()
            opt.zero_grad()
            with autocast():
                loss = net(src, tgt[:, :-1], labels=tgt[:, 1:])
            scaler.scale(loss).backward()
            scaler.unscale_(opt)
            torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
            scaler.step(opt)
            scaler.update()
            lr_sched.step()
            step += 1
            if step >= args.max_steps:
                break


if __name__ == "__main__":
    main()
