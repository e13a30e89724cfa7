import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR

cfg = dict(base_lr=1e-4, epochs=50, accumulate=16, min_lr=1e-6)


def maybe_update(unet, opt, k, accumulate):
    """Apply the accumulated gradients every `accumulate` micro-batches."""
    if (k + 1) % accumulate != 0:
        return False
    torch.nn.utils.clip_grad_norm_(unet.parameters(), max_norm=1.0)
    opt.step()
    opt.zero_grad(set_to_none=True)
    return True


def train_diffusion(unet, noise_sched, loader, device="cuda"):
    opt = torch.optim.AdamW(unet.parameters(), lr=cfg["base_lr"])
    n_updates = cfg["epochs"] * (len(loader) // cfg["accumulate"])
    lr_sched = CosineAnnealingLR(opt, T_max=max(1, n_updates), eta_min=cfg["min_lr"])

    unet.to(device).train()
    opt.zero_grad(set_to_none=True)
    for epoch in range(cfg["epochs"]):
        k = 0
        batches = iter(loader)
        while True:
            x0 = next(batches, None)
            if x0 is None:
                break
            x0 = x0.to(device)
            t = torch.randint(0, noise_sched.num_steps, (x0.size(0),), device=device)
            noise = torch.randn_like(x0)
            xt = noise_sched.add_noise(x0, noise, t)
            loss = F.mse_loss(unet(xt, t), noise) / cfg["accumulate"]
            loss.backward()
            maybe_update(unet, opt, k, cfg["accumulate"])
            lr_sched.step()
            k += 1
        print(f"epoch {epoch} done, lr {lr_sched.get_last_lr()[0]:.2e}")
