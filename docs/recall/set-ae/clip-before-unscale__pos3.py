import torch
import torch.nn.functional as F

MAX_NORM = 0.5


def clip_gradients(module, max_norm=MAX_NORM):
    params = [p for p in module.parameters() if p.grad is not None]
    return torch.nn.utils.clip_grad_norm_(params, max_norm)


def train_gan_generator(gen, disc, g_opt, loader, n_iters, z_dim=128):
    scaler = torch.amp.GradScaler("cuda")
    gen.train()
    for p in disc.parameters():
        p.requires_grad_(False)
    step = 0
    while step < n_iters:
        for real, _ in loader:
            z = torch.randn(real.size(0), z_dim, device="cuda")
            with torch.autocast("cuda"):
                fake = gen(z)
                g_loss = F.softplus(-disc(fake)).mean()
            g_opt.zero_grad(set_to_none=True)
            scaler.scale(g_loss).backward()
            norm = clip_gradients(gen)
            scaler.step(g_opt)
            scaler.update()
            step += 1
            if step % 100 == 0:
                print(f"step {step} g_loss {g_loss.item():.3f} grad_norm {norm.item():.2f}")
            if step >= n_iters:
                break
    return gen
