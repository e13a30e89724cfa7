import math

import torch
import torch.nn.functional as F


def cosine_lr(step, total, peak, floor):
    """Cosine-annealed learning rate for ``step`` out of ``total``."""
    t = min(step, total)
    return floor + (peak - floor) * (1 - math.cos(math.pi * t / total)) / 2


def pretrain(encoder, loader, epochs=200, peak_lr=1.5e-4, floor_lr=1e-6, device="cuda"):
    encoder.to(device)
    opt = torch.optim.AdamW(encoder.parameters(), lr=peak_lr, betas=(0.9, 0.95),
                            weight_decay=0.05)
    total = max(1, epochs * len(loader))
    step = 0
    for epoch in range(epochs):
        encoder.train()
        epoch_loss = 0.0
        for views, _ in loader:
            lr = cosine_lr(step, total, peak_lr, floor_lr)
            for group in opt.param_groups:
                group["lr"] = lr
            v1, v2 = (v.to(device, non_blocking=True) for v in views)
            z1, z2 = encoder(v1), encoder(v2)
            loss = 2 - 2 * F.cosine_similarity(z1, z2.detach(), dim=-1).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
            step += 1
        print(f"epoch {epoch:03d} lr {lr:.2e} loss {epoch_loss / len(loader):.4f}")
    return encoder
