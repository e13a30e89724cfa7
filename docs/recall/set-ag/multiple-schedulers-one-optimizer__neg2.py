import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from gan.networks import Generator, Discriminator
from gan.data import UnpairedImages


def linear_decay(n_epochs, decay_start):
    span = max(1, n_epochs - decay_start)

    def rule(epoch):
        return max(0.0, 1.0 - max(0, epoch - decay_start) / span)

    return rule


def train(opt_cfg):
    gen = Generator().cuda()
    disc = Discriminator().cuda()
    loader = DataLoader(UnpairedImages(opt_cfg.root), batch_size=opt_cfg.bs,
                        shuffle=True, num_workers=4)
    opt_g = torch.optim.Adam(gen.parameters(), lr=opt_cfg.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=opt_cfg.lr, betas=(0.5, 0.999))
    rule = linear_decay(opt_cfg.epochs, opt_cfg.decay_start)
    sched_g = LambdaLR(opt_g, lr_lambda=rule)
    sched_d = LambdaLR(opt_d, lr_lambda=rule)
    adv = nn.MSELoss()

    for epoch in range(opt_cfg.epochs):
        gen.train()
        disc.train()
        for real_a, real_b in loader:
            real_a, real_b = real_a.cuda(), real_b.cuda()
            fake_b = gen(real_a)
            pred_fake = disc(fake_b)
            loss_g = adv(pred_fake, torch.ones_like(pred_fake))
            opt_g.zero_grad()
            loss_g.backward()
            opt_g.step()

            pred_real = disc(real_b)
            pred_fake = disc(fake_b.detach())
            loss_d = 0.5 * (adv(pred_real, torch.ones_like(pred_real))
                            + adv(pred_fake, torch.zeros_like(pred_fake)))
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()
        sched_g.step()
        sched_d.step()
        print(f"epoch {epoch} G {loss_g.item():.3f} D {loss_d.item():.3f} "
              f"lr {sched_g.get_last_lr()[0]:.2e}")
    return gen, disc
