import argparse

import torch
import torch.nn.functional as F

from data import build_train_loader
from model import build_unet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--micro-bs", type=int, default=4)
    ap.add_argument("--grad-accum", type=int, default=4)
    args = ap.parse_args()

    net = build_unet().cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    scaler = torch.amp.GradScaler("cuda")
    loader = build_train_loader(batch_size=args.micro_bs)

    for epoch in range(args.epochs):
        net.train()
        opt.zero_grad(set_to_none=True)
        for step, (x, y) in enumerate(loader, start=1):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = F.l1_loss(net(x), y)
            scaler.scale(loss).backward()
            if step % args.grad_accum == 0:
                scaler.step(opt)
                scaler.update()
                opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch}: last loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
