import torch
from torch.optim.lr_scheduler import LambdaLR


class GANTrainer:
    """Generator and discriminator share one optimizer with two param groups."""

    def __init__(self, gen, disc, loader, args):
        self.gen = gen.cuda()
        self.disc = disc.cuda()
        self.loader = loader
        self.args = args
        self.opt = torch.optim.Adam(
            [{"params": gen.parameters(), "lr": args.g_lr},
             {"params": disc.parameters(), "lr": args.d_lr}],
            betas=(0.0, 0.99),
        )
        warm_per_group = [args.g_warm, args.d_warm]
        self.sched = LambdaLR(
            self.opt,
            lr_lambda=[lambda it: min(1.0, (it + 1) / w) for w in warm_per_group],
        )

    def step(self, real):
        real = real.cuda()
        z = torch.randn(real.size(0), self.args.z_dim, device=real.device)
        fake = self.gen(z)
        d_loss = (torch.relu(1 - self.disc(real)).mean()
                  + torch.relu(1 + self.disc(fake.detach())).mean())
        g_loss = -self.disc(fake).mean()
        self.opt.zero_grad()
        (d_loss + g_loss).backward()
        self.opt.step()
        self.sched.step()
        return d_loss.item(), g_loss.item()

    def train(self):
        self.gen.train()
        self.disc.train()
        for epoch in range(self.args.epochs):
            for real in self.loader:
                d, g = self.step(real)
            print(f"epoch {epoch} d {d:.3f} g {g:.3f} lrs {self.sched.get_last_lr()}")
