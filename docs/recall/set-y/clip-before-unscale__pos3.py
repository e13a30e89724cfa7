import argparse

import torch
from torch.utils.data import DataLoader

from modeling import build_lm
from text_data import TokenDataset


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--micro-bs", type=int, default=8)
    ap.add_argument("--accum", type=int, default=8)
    ap.add_argument("--max-norm", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--epochs", type=int, default=1)
    return ap.parse_args()


def main():
    args = get_args()
    model = build_lm().cuda()
    ds = TokenDataset(args.data, block_size=1024)
    dl = DataLoader(ds, batch_size=args.micro_bs, shuffle=True, num_workers=2, drop_last=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1, fused=True)
    scaler = torch.cuda.amp.GradScaler()
    params = [p for p in model.parameters() if p.requires_grad]

    model.train()
    for epoch in range(args.epochs):
        for step, (x, y) in enumerate(dl):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            with torch.autocast("cuda", dtype=torch.float16):
                _, loss = model(x, y)
            scaler.scale(loss / args.accum).backward()
            if (step + 1) % args.accum == 0:
                gnorm = torch.nn.utils.clip_grad_norm_(params, args.max_norm)
                scaler.step(opt)
                scaler.update()
                opt.zero_grad(set_to_none=True)
                if (step + 1) % (50 * args.accum) == 0:
                    print(f"epoch {epoch} step {step + 1} loss {loss.item():.4f} gnorm {gnorm.item():.3f}")


if __name__ == "__main__":
    main()
