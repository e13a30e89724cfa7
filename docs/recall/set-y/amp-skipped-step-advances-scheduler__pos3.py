import torch
import torch.nn.functional as F
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import CosineAnnealingLR

hp = {
    "lr": 2e-4,
    "epochs": 40,
    "accum": 4,
    "clip": 1.0,
}


def train(unet, loader, noise_sched):
    opt = torch.optim.AdamW(unet.parameters(), lr=hp["lr"], weight_decay=1e-2)
    n_updates = hp["epochs"] * (len(loader) // hp["accum"])
    lr_sched = CosineAnnealingLR(opt, T_max=n_updates, eta_min=1e-6)
    scaler = GradScaler()
    unet.train()
    for epoch in range(hp["epochs"]):
        opt.zero_grad(set_to_none=True)
        for it, x0 in enumerate(loader):
            x0 = x0.cuda(non_blocking=True)
            t = torch.randint(0, noise_sched.num_steps, (x0.size(0),), device=x0.device)
            noise = torch.randn_like(x0)
            xt = noise_sched.add_noise(x0, noise, t)
            with autocast():
                loss = F.mse_loss(unet(xt, t), noise) / hp["accum"]
            scaler.scale(loss).backward()
            if (it + 1) % hp["accum"] == 0:
                scaler.unscale_(opt)
                torch.nn.utils.clip_grad_norm_(unet.parameters(), hp["clip"])
                scaler.step(opt)
                scaler.update()
                lr_sched.step()
                opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.2e} loss {loss.item() * hp['accum']:.4f}")
    return unet
