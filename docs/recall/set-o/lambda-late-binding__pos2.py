import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR

from mt.data import make_batches
from mt.model import Seq2Seq


def build(args):
    model = Seq2Seq(args.vocab, d_model=512).cuda()
    groups = [
        {"params": model.encoder.parameters(), "lr": args.lr_enc, "warm": args.warm_enc},
        {"params": model.decoder.parameters(), "lr": args.lr_dec, "warm": args.warm_dec},
    ]
    opt = torch.optim.Adam(groups, betas=(0.9, 0.98))
    fns = []
    for g in groups:
        w = max(1, g["warm"])
        fns.append(lambda step: min(1.0, (step + 1) / w))
    lr_sched = LambdaLR(opt, lr_lambda=fns)
    return model, opt, lr_sched


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=32000)
    ap.add_argument("--lr-enc", type=float, default=1e-4)
    ap.add_argument("--lr-dec", type=float, default=5e-4)
    ap.add_argument("--warm-enc", type=int, default=8000)
    ap.add_argument("--warm-dec", type=int, default=2000)
    ap.add_argument("--max-steps", type=int, default=200000)
    args = ap.parse_args()

    model, opt, lr_sched = build(args)
    model.train()
    for step, (src, tgt) in enumerate(make_batches(shuffle=True)):
        if step >= args.max_steps:
            break
        loss = model(src.cuda(), tgt.cuda())
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
        if step % 500 == 0:
            print(step, loss.item(), lr_sched.get_last_lr())


if __name__ == "__main__":
    main()
