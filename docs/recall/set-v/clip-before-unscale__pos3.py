import argparse

import torch
from torch.utils.data import DataLoader

from model import TransformerLM
from data import PackedTextDataset


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--micro-bs", type=int, default=8)
    p.add_argument("--accum", type=int, default=8)
    p.add_argument("--max-norm", type=float, default=1.0)
    p.add_argument("--epochs", type=int, default=1)
    return p.parse_args()


def main():
    args = get_args()
    lm = TransformerLM(vocab_size=50257, n_layer=12, d_model=768).cuda()
    opt = torch.optim.AdamW(lm.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.1)
    loader = DataLoader(PackedTextDataset("train.bin", block=1024), batch_size=args.micro_bs,
                        shuffle=True, num_workers=2, drop_last=True)
    scaler = torch.cuda.amp.GradScaler()
    lm.train()
    opt.zero_grad(set_to_none=True)
    for epoch in range(args.epochs):
        for step, (ids, targets) in enumerate(loader):
            ids, targets = ids.cuda(non_blocking=True), targets.cuda(non_blocking=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = lm(ids, targets=targets)
                loss = loss / args.accum
            scaler.scale(loss).backward()
            if (step + 1) % args.accum != 0:
                continue
            gnorm = torch.nn.utils.clip_grad_norm_(lm.parameters(), args.max_norm)
            scaler.step(opt)
            scaler.update()
            opt.zero_grad(set_to_none=True)
            if (step + 1) % (args.accum * 50) == 0:
                print(f"step {(step + 1) // args.accum} loss {loss.item() * args.accum:.3f} gnorm {gnorm:.2f}")


if __name__ == "__main__":
    main()
