import torch
import torch.nn.functional as F


class DiffusionTrainer:
    def __init__(self, unet, noise_sched, loader, lr=1e-4, accum_steps=4, max_grad_norm=1.0):
        self.unet = unet.cuda()
        self.noise_sched = noise_sched
        self.loader = loader
        self.accum_steps = accum_steps
        self.max_grad_norm = max_grad_norm
        self.opt = torch.optim.AdamW(self.unet.parameters(), lr=lr)
        self.scaler = torch.amp.GradScaler("cuda")

    def train_epoch(self):
        self.unet.train()
        self.opt.zero_grad(set_to_none=True)
        for i, latents in enumerate(self.loader):
            latents = latents.cuda(non_blocking=True)
            noise = torch.randn_like(latents)
            t = torch.randint(0, self.noise_sched.num_train_timesteps, (latents.size(0),), device=latents.device)
            with torch.autocast("cuda", dtype=torch.float16):
                pred = self.unet(self.noise_sched.add_noise(latents, noise, t), t)
            loss = F.mse_loss(pred.float(), noise)
            self.scaler.scale(loss / self.accum_steps).backward()
            if (i + 1) % self.accum_steps == 0:
                self.scaler.unscale_(self.opt)
                torch.nn.utils.clip_grad_norm_(self.unet.parameters(), self.max_grad_norm)
                self.scaler.step(self.opt)
                self.scaler.update()
                self.opt.zero_grad(set_to_none=True)
