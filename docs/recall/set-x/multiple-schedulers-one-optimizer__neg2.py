import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR


def linear_decay(n_epochs, decay_start):
    def factor(epoch):
        return 1.0 - max(0, epoch - decay_start) / float(n_epochs - decay_start + 1)
    return factor


def train_gan(G, D, loader, opts):
    adv = nn.MSELoss()
    opt_g = torch.optim.Adam(G.parameters(), lr=opts.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=opts.lr, betas=(0.5, 0.999))
    sched_g = LambdaLR(opt_g, lr_lambda=linear_decay(opts.n_epochs, opts.decay_epoch))
    sched_d = LambdaLR(opt_d, lr_lambda=linear_decay(opts.n_epochs, opts.decay_epoch))

    for epoch in range(opts.n_epochs):
        G.train()
        D.train()
        for real_a, real_b in loader:
            real_a, real_b = real_a.cuda(), real_b.cuda()
            fake_b = G(real_a)

            opt_g.zero_grad()
            pred_fake = D(fake_b)
            loss_g = adv(pred_fake, torch.ones_like(pred_fake))
            loss_g.backward()
            opt_g.step()

            opt_d.zero_grad()
            pred_real = D(real_b)
            pred_fake = D(fake_b.detach())
            loss_d = 0.5 * (adv(pred_real, torch.ones_like(pred_real))
                            + adv(pred_fake, torch.zeros_like(pred_fake)))
            loss_d.backward()
            opt_d.step()

        sched_g.step()
        sched_d.step()
        print(f"epoch {epoch} G {loss_g.item():.3f} D {loss_d.item():.3f}")
        torch.save({"G": G.state_dict(), "D": D.state_dict()}, f"gan_{epoch}.pt")
