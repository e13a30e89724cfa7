import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR

from speech.data import make_train_loader
from speech.model import Conformer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-updates", type=int, default=100_000)
    parser.add_argument("--n-warm", type=int, default=10_000)
    parser.add_argument("--accum", type=int, default=4)
    parser.add_argument("--peak-lr", type=float, default=1e-3)
    args = parser.parse_args()

    net = Conformer().cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.peak_lr, betas=(0.9, 0.98), eps=1e-9)

    n_warm = max(1, args.n_warm)

    def noam(u):
        u = u + 1
        return min(u / n_warm, (n_warm / u) ** 0.5)

    lr_sched = LambdaLR(opt, lr_lambda=noam)
    loader = make_train_loader(shuffle=True)

    net.train()
    updates, micro = 0, 0
    data = iter(loader)
    while updates < args.max_updates:
        try:
            feats, feat_lens, tokens, tok_lens = next(data)
        except StopIteration:
            data = iter(loader)
            continue
        log_probs, out_lens = net(feats.cuda(), feat_lens.cuda())
        loss = F.ctc_loss(log_probs.transpose(0, 1), tokens.cuda(), out_lens, tok_lens.cuda(),
                          zero_infinity=True)
        (loss / args.accum).backward()
        micro += 1
        if micro % args.accum == 0:
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            opt.zero_grad()
            updates += 1
        lr_sched.step()
        if micro % 500 == 0:
            print(f"upd {updates} loss {loss.item():.3f} lr {lr_sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
