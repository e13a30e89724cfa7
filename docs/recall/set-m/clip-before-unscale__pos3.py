import torch
import torch.nn.functional as F
from torch.amp import GradScaler
from torch.nn.utils import clip_grad_norm_
from torch.utils.data import DataLoader


def fit(unet, diffusion, dataset, hp):
    dev = hp["device"]
    unet.to(dev)
    loader = DataLoader(dataset, batch_size=hp["bs"], shuffle=True, num_workers=8,
                        pin_memory=True, drop_last=True)
    opt = torch.optim.AdamW(unet.parameters(), lr=hp["lr"], weight_decay=0.0)
    scaler = GradScaler("cuda")
    step = 0
    for epoch in range(hp["epochs"]):
        unet.train()
        for images in loader:
            images = images.to(dev, non_blocking=True)
            t = torch.randint(0, diffusion.num_timesteps, (images.size(0),), device=dev)
            noise = torch.randn_like(images)
            noisy = diffusion.q_sample(images, t, noise)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = F.mse_loss(unet(noisy, t), noise)
            opt.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            grad_norm = clip_grad_norm_(unet.parameters(), hp["max_grad_norm"])
            scaler.unscale_(opt)
            scaler.step(opt)
            scaler.update()
            step += 1
            if step % hp["log_every"] == 0:
                print(f"step {step} loss {loss.item():.4f} grad_norm {grad_norm.item():.2f}")
    return unet
