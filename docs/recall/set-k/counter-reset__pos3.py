import argparse
import math

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def lr_at(it, peak, n_warm, n_total, floor=1e-5):
    if it < n_warm:
        return peak * (it + 1) / n_warm
    progress = min(1.0, (it - n_warm) / max(1, n_total - n_warm))
    return floor + 0.5 * (peak - floor) * (1.0 + math.cos(math.pi * progress))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=6e-4)
    parser.add_argument("--n_warm", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch_size", type=int, default=64)
    args = parser.parse_args()

    from models import TinyTransformer
    from data import TokenDataset

    ds = TokenDataset("data/train.bin", block_size=256)
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True, drop_last=True, num_workers=4)
    net = TinyTransformer(vocab_size=ds.vocab_size).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, betas=(0.9, 0.95))
    n_total = args.epochs * len(loader)

    for epoch in range(args.epochs):
        net.train()
        for xb, yb in loader:
            step = 0
            lr = lr_at(step, args.lr, args.n_warm, n_total)
            for g in opt.param_groups:
                g["lr"] = lr
            xb, yb = xb.cuda(non_blocking=True), yb.cuda(non_blocking=True)
            logits = net(xb)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), yb.view(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step += 1
        print(f"epoch {epoch} done, lr={lr:.2e}, loss={loss.item():.4f}")


if __name__ == "__main__":
    main()
