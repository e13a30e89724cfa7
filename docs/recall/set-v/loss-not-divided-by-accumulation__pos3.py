import torch
import torch.nn.functional as F


class DiffusionTrainer:
    def __init__(self, unet, noise_sched, loader, cfg):
        self.unet = unet.cuda()
        self.noise_sched = noise_sched
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(self.unet.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.scaler = torch.cuda.amp.GradScaler()
        self.updates = 0

    def compute_loss(self, latents):
        noise = torch.randn_like(latents)
        t = torch.randint(0, self.noise_sched.num_train_timesteps, (latents.size(0),), device=latents.device)
        noisy = self.noise_sched.add_noise(latents, noise, t)
        with torch.autocast("cuda", dtype=torch.float16):
            pred = self.unet(noisy, t)
        return F.mse_loss(pred.float(), noise)

    def train_epoch(self):
        self.unet.train()
        self.opt.zero_grad(set_to_none=True)
        for i, latents in enumerate(self.loader):
            loss = self.compute_loss(latents.cuda(non_blocking=True))
            self.scaler.scale(loss).backward()
            if (i + 1) % self.cfg.grad_accum == 0:
                self.scaler.unscale_(self.opt)
                torch.nn.utils.clip_grad_norm_(self.unet.parameters(), self.cfg.max_grad_norm)
                self.scaler.step(self.opt)
                self.scaler.update()
                self.opt.zero_grad(set_to_none=True)
                self.updates += 1

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            print(f"epoch {epoch} done after {self.updates} updates")
