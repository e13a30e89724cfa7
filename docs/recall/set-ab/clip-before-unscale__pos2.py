from dataclasses import dataclass

import torch
from torch.nn.utils import clip_grad_norm_


@dataclass
class OptimCfg:
    lr: float = 1e-4
    weight_decay: float = 0.01
    max_norm: float = 1.0
    fp16: bool = True


class DiffusionTrainer:
    def __init__(self, unet, noise_sched, loader, ocfg: OptimCfg):
        self.unet = unet.cuda()
        self.noise_sched = noise_sched
        self.loader = loader
        self.ocfg = ocfg
        self.opt = torch.optim.AdamW(self.unet.parameters(), lr=ocfg.lr, weight_decay=ocfg.weight_decay)
        self.scaler = torch.amp.GradScaler("cuda", enabled=ocfg.fp16)

    def loss_on(self, latents):
        noise = torch.randn_like(latents)
        t = torch.randint(0, self.noise_sched.num_train_timesteps, (latents.size(0),), device=latents.device)
        noisy = self.noise_sched.add_noise(latents, noise, t)
        with torch.autocast("cuda", dtype=torch.float16, enabled=self.ocfg.fp16):
            pred = self.unet(noisy, t)
        return torch.nn.functional.mse_loss(pred.float(), noise)

    def train_step(self, latents):
        loss = self.loss_on(latents.cuda(non_blocking=True))
        self.scaler.scale(loss).backward()
        grad_norm = clip_grad_norm_(self.unet.parameters(), self.ocfg.max_norm)
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad(set_to_none=True)
        return loss.item(), grad_norm.item()

    def train(self, n_epochs):
        self.unet.train()
        for ep in range(n_epochs):
            for i, latents in enumerate(self.loader):
                loss, gnorm = self.train_step(latents)
                if i % 100 == 0:
                    print(f"ep {ep} step {i} loss {loss:.4f} |g| {gnorm:.2f}")
