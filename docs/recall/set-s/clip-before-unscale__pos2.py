import torch
from torch.cuda.amp import GradScaler, autocast


class GANTrainer:
    def __init__(self, gen, disc, cfg):
        self.gen, self.disc = gen.cuda(), disc.cuda()
        self.cfg = cfg
        self.opt_g = torch.optim.Adam(gen.parameters(), lr=cfg["lr_g"], betas=(0.0, 0.99))
        self.opt_d = torch.optim.Adam(disc.parameters(), lr=cfg["lr_d"], betas=(0.0, 0.99))
        self.scaler = GradScaler()

    def _clip(self, module):
        torch.nn.utils.clip_grad_value_(module.parameters(), self.cfg["clip_value"])

    def d_step(self, real):
        z = torch.randn(real.size(0), self.cfg["z_dim"], device=real.device)
        with autocast():
            fake = self.gen(z).detach()
            loss_d = torch.relu(1 - self.disc(real)).mean() + torch.relu(1 + self.disc(fake)).mean()
        self.opt_d.zero_grad(set_to_none=True)
        self.scaler.scale(loss_d).backward()
        self._clip(self.disc)
        self.scaler.step(self.opt_d)
        return loss_d.item()

    def g_step(self, batch_size):
        z = torch.randn(batch_size, self.cfg["z_dim"], device="cuda")
        with autocast():
            loss_g = -self.disc(self.gen(z)).mean()
        self.opt_g.zero_grad(set_to_none=True)
        self.scaler.scale(loss_g).backward()
        self.scaler.step(self.opt_g)
        return loss_g.item()

    def train(self, loader, epochs):
        self.gen.train()
        self.disc.train()
        for ep in range(epochs):
            for real in loader:
                ld = self.d_step(real.cuda(non_blocking=True))
                lg = self.g_step(real.size(0))
                self.scaler.update()
            print(f"epoch {ep}: D {ld:.3f} G {lg:.3f}")
