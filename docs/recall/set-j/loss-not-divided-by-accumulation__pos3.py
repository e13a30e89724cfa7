from dataclasses import dataclass

import torch


@dataclass
class OptimCfg:
    lr: float = 1e-4
    weight_decay: float = 0.0
    grad_accum: int = 4
    total_updates: int = 10_000
    log_every: int = 20


class DiffusionTrainer:
    def __init__(self, unet, noise_sched, loader, cfg: OptimCfg):
        self.unet = unet.cuda()
        self.noise_sched = noise_sched
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(self.unet.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        self.updates = 0

    def _loss(self, latents):
        noise = torch.randn_like(latents)
        t = torch.randint(0, self.noise_sched.num_train_timesteps, (latents.size(0),), device=latents.device)
        noisy = self.noise_sched.add_noise(latents, noise, t)
        pred = self.unet(noisy, t)
        return torch.nn.functional.mse_loss(pred, noise)

    def train(self):
        self.unet.train()
        micro = 0
        while self.updates < self.cfg.total_updates:
            for latents in self.loader:
                if micro % self.cfg.grad_accum == 0:
                    self.opt.zero_grad(set_to_none=True)
                loss = self._loss(latents.cuda(non_blocking=True))
                loss.backward()
                micro += 1
                if micro % self.cfg.grad_accum == 0:
                    torch.nn.utils.clip_grad_norm_(self.unet.parameters(), 1.0)
                    self.opt.step()
                    self.updates += 1
                    if self.updates % self.cfg.log_every == 0:
                        print(f"update {self.updates}: mse {loss.item():.5f}")
                    if self.updates >= self.cfg.total_updates:
                        break
