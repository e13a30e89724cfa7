import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def cosine_with_warmup(n_warm, n_total):
    def fn(step):
        if step < n_warm:
            return (step + 1) / n_warm
        t = (step - n_warm) / max(1, n_total - n_warm)
        return 0.5 * (1.0 + math.cos(math.pi * min(t, 1.0)))
    return fn


def train(cfg, unet, loader, noise_sched):
    opt = torch.optim.AdamW(unet.parameters(), lr=cfg.lr)
    updates_per_epoch = len(loader) // cfg.accum
    total = cfg.epochs * updates_per_epoch
    lr_sched = LambdaLR(opt, cosine_with_warmup(cfg.warmup_steps, total))
    scaler = torch.cuda.amp.GradScaler()
    unet.train()
    for ep in range(cfg.epochs):
        for i, latents in enumerate(loader):
            latents = latents.cuda(non_blocking=True)
            noise = torch.randn_like(latents)
            t = torch.randint(0, noise_sched.num_steps, (latents.size(0),), device=latents.device)
            noisy = noise_sched.add_noise(latents, noise, t)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = F.mse_loss(unet(noisy, t), noise) / cfg.accum
            scaler.scale(loss).backward()
            if (i + 1) % cfg.accum == 0:
                scaler.unscale_(opt)
                torch.nn.utils.clip_grad_norm_(unet.parameters(), cfg.max_grad_norm)
                scaler.step(opt)
                scaler.update()
                opt.zero_grad(set_to_none=True)
                lr_sched.step()
        print(f"epoch {ep} done, lr {lr_sched.get_last_lr()[0]:.2e}")
