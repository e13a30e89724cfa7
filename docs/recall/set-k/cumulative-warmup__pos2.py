import argparse

import torch
from torch import nn


def warmup_lr(opt, step, n_warm):
    frac = min(1.0, (step + 1) / n_warm)
    for pg in opt.param_groups:
        pg["lr"] *= frac
    return opt.param_groups[0]["lr"]


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--n_warm", type=int, default=1000)
    p.add_argument("--steps", type=int, default=50000)
    p.add_argument("--bs", type=int, default=32)
    args = p.parse_args()
    assert args.n_warm > 0
    return args


def main():
    args = parse()
    from speech import ConformerCTC, make_loader

    enc = ConformerCTC(n_vocab=128).cuda()
    opt = torch.optim.Adam(enc.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    loader = make_loader("train", batch_size=args.bs, shuffle=True)
    step = 0
    while step < args.steps:
        for feats, feat_lens, labels, label_lens in loader:
            cur_lr = warmup_lr(opt, step, args.n_warm)
            log_probs, out_lens = enc(feats.cuda(), feat_lens.cuda())
            loss = ctc(log_probs.transpose(0, 1), labels.cuda(), out_lens, label_lens.cuda())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(enc.parameters(), 5.0)
            opt.step()
            step += 1
            if step % 100 == 0:
                print(f"step {step} loss {loss.item():.3f} lr {cur_lr:.2e}")
            if step >= args.steps:
                break


if __name__ == "__main__":
    main()
