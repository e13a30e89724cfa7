import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR
from transformers import AutoModel

from data import build_train_loader
from heads import SpanHead


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--encoder", default="roberta-base")
    ap.add_argument("--enc-lr", type=float, default=2e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--enc-warm", type=int, default=1000)
    ap.add_argument("--head-warm", type=int, default=100)
    ap.add_argument("--steps", type=int, default=20000)
    args = ap.parse_args()

    encoder = AutoModel.from_pretrained(args.encoder).cuda()
    head = SpanHead(encoder.config.hidden_size).cuda()
    opt = torch.optim.AdamW([
        {"params": encoder.parameters(), "lr": args.enc_lr},
        {"params": head.parameters(), "lr": args.head_lr},
    ])
    warm_steps = [args.enc_warm, args.head_warm]
    lr_sched = LambdaLR(opt, [lambda s: min(1.0, (s + 1) / w) for w in warm_steps])
    train(encoder, head, opt, lr_sched, build_train_loader(args.encoder), args.steps)


def train(encoder, head, opt, lr_sched, batches, n_steps):
    encoder.train()
    head.train()
    for step, batch in zip(range(n_steps), batches):
        hidden = encoder(**{k: v.cuda() for k, v in batch["inputs"].items()}).last_hidden_state
        loss = head(hidden, batch["start"].cuda(), batch["end"].cuda())
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
        if step % 500 == 0:
            print(step, loss.item(), lr_sched.get_last_lr())


if __name__ == "__main__":
    main()
