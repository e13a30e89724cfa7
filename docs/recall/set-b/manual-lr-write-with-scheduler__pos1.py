import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import PretrainDataset
from model import MaskedAutoencoder


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=400)
    ap.add_argument("--lr", type=float, default=1.5e-4)
    ap.add_argument("--warmup-iters", type=int, default=4000)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()

    loader = DataLoader(PretrainDataset("/data/in1k"), batch_size=args.batch_size,
                        shuffle=True, num_workers=12, drop_last=True)
    mae = MaskedAutoencoder(mask_ratio=0.75).cuda()
    opt = torch.optim.AdamW(mae.parameters(), lr=args.lr, betas=(0.9, 0.95),
                            weight_decay=0.05)
    sched = CosineAnnealingLR(opt, T_max=args.epochs * len(loader), eta_min=0.0)

    global_it = 0
    for epoch in range(args.epochs):
        mae.train()
        for imgs, _ in loader:
            if global_it < args.warmup_iters:
                for g in opt.param_groups:
                    g["lr"] = args.lr * (global_it + 1) / args.warmup_iters
            loss = mae(imgs.cuda(non_blocking=True))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            global_it += 1
        print(f"epoch {epoch} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e}")
        torch.save({"model": mae.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "epoch": epoch}, "mae.pth")


if __name__ == "__main__":
    main()
