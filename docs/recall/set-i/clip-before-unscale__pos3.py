import argparse

import torch

from data import make_train_loader
from model import TransformerLM


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=6e-4)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--accum", type=int, default=8)
    ap.add_argument("--steps", type=int, default=20000)
    args = ap.parse_args()

    lm = TransformerLM.from_config("configs/small.json").cuda()
    opt = torch.optim.AdamW(lm.parameters(), lr=args.lr, weight_decay=0.1)
    scaler = torch.cuda.amp.GradScaler()
    batches = iter(make_train_loader(batch_size=16))

    for step in range(args.steps):
        for _ in range(args.accum):
            tokens = next(batches).cuda(non_blocking=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = lm(tokens[:, :-1], targets=tokens[:, 1:]) / args.accum
            scaler.scale(loss).backward()
        if args.clip > 0:
            gnorm = torch.nn.utils.clip_grad_norm_(lm.parameters(), max_norm=args.clip)
        scaler.step(opt)
        scaler.update()
        opt.zero_grad(set_to_none=True)
        if step % 100 == 0:
            print(f"step {step} loss {loss.item() * args.accum:.3f}")
        if step % 5000 == 0:
            torch.save(lm.state_dict(), f"lm_{step}.pt")


if __name__ == "__main__":
    main()
