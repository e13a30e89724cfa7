import torch
from torch.optim.lr_scheduler import StepLR


def fit(generator, loader, n_epochs, lr=2e-4, decay_every=50):
    g_opt = torch.optim.Adam(generator.parameters(), lr=lr, betas=(0.5, 0.999))
    g_sched = StepLR(g_opt, step_size=decay_every, gamma=0.5)
    l1 = torch.nn.L1Loss()
    ep = 0
    while ep < n_epochs:
        generator.train()
        for i, (lowres, highres) in enumerate(loader):
            sr = generator(lowres)
            loss = l1(sr, highres)
            g_opt.zero_grad()
            loss.backward()
            g_opt.step()
            if i % 200 == 0:
                print(f"[{ep}/{n_epochs}] [{i}/{len(loader)}] l1={loss.item():.4f}")
        ep += 1
        g_sched.step(ep)
    return generator
