import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def linear_decay(n_epochs, decay_start):
    def factor(epoch):
        return 1.0 - max(0, epoch - decay_start) / float(max(1, n_epochs - decay_start))
    return factor


class GANTrainer:
    def __init__(self, gen, disc, loader, cfg):
        self.gen, self.disc, self.loader, self.cfg = gen, disc, loader, cfg
        self.opt_g = torch.optim.Adam(gen.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(disc.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
        rule = linear_decay(cfg.n_epochs, cfg.decay_start)
        self.sched_g = LambdaLR(self.opt_g, lr_lambda=rule)
        self.sched_d = LambdaLR(self.opt_d, lr_lambda=rule)

    def train_epoch(self):
        self.gen.train()
        self.disc.train()
        for real, cond in self.loader:
            real, cond = real.cuda(), cond.cuda()
            fake = self.gen(cond)

            self.opt_d.zero_grad()
            d_real = self.disc(real)
            d_fake = self.disc(fake.detach())
            loss_d = 0.5 * (F.mse_loss(d_real, torch.ones_like(d_real))
                            + F.mse_loss(d_fake, torch.zeros_like(d_fake)))
            loss_d.backward()
            self.opt_d.step()

            self.opt_g.zero_grad()
            pred = self.disc(fake)
            loss_g = F.mse_loss(pred, torch.ones_like(pred)) + 10.0 * F.l1_loss(fake, real)
            loss_g.backward()
            self.opt_g.step()
        return loss_g.item(), loss_d.item()

    def fit(self):
        for epoch in range(self.cfg.n_epochs):
            lg, ld = self.train_epoch()
            self.sched_g.step()
            self.sched_d.step()
            print(f"epoch {epoch} G {lg:.3f} D {ld:.3f} lr {self.sched_g.get_last_lr()[0]:.2e}")
