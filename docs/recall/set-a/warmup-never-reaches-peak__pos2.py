import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--n_warm", type=int, default=500)
    ap.add_argument("--accum", type=int, default=1)
    return ap.parse_args()


def finetune(model, train_loader, device="cuda"):
    args = get_args()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    n_warm = args.n_warm
    warm = lambda s: s / n_warm if s < n_warm else 1.0  # noqa: E731
    sched = LambdaLR(opt, lr_lambda=warm)
    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(train_loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            out = model(**batch)
            (out.loss / args.accum).backward()
            if (step + 1) % args.accum == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
        print(f"epoch {epoch}: loss {out.loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
    return model
