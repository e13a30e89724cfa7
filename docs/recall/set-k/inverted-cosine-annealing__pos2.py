import numpy as np
import torch
import torch.nn.functional as F


def cosine_lr(step, total, base, floor):
    step = min(step, total)
    return floor + (base - floor) * (1 - np.cos(np.pi * step / total)) / 2


def set_lr(opt, lr):
    for pg in opt.param_groups:
        pg["lr"] = lr * pg.get("lr_scale", 1.0)


def pretrain(encoder, loader, args):
    opt = torch.optim.AdamW(encoder.parameters(), lr=args.base_lr, betas=(0.9, 0.95), weight_decay=0.05)
    iters_per_epoch = len(loader)
    warm = args.warmup_epochs * iters_per_epoch
    total = max(warm + 1, args.epochs * iters_per_epoch)
    it = 0
    for epoch in range(args.epochs):
        encoder.train()
        for imgs, _ in loader:
            if it < warm:
                lr = args.base_lr * (it + 1) / warm
            else:
                lr = cosine_lr(it - warm, total - warm, args.base_lr, args.min_lr)
            set_lr(opt, lr)
            imgs = imgs.cuda(non_blocking=True)
            recon, mask = encoder(imgs, mask_ratio=args.mask_ratio)
            loss = (F.mse_loss(recon, imgs, reduction="none").mean(dim=1) * mask).sum() / mask.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
        print(f"epoch {epoch}: loss={loss.item():.4f} lr={lr:.2e}")
