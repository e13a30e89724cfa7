from collections import defaultdict

import torch
import torch.nn.functional as F


def log_metrics(tracker, step, every=200):
    if step % every == 0:
        means = {k: float(v) / every for k, v in tracker.items()}
        print(f"step {step}: " + ", ".join(f"{k}={v:.4f}" for k, v in means.items()))
        tracker.clear()


def train_vae(vae, loader, n_steps, lr=1e-3, beta=1.0):
    opt = torch.optim.Adam(vae.parameters(), lr=lr)
    tracker = defaultdict(float)
    vae.train()
    step = 0
    data = iter(loader)
    while step < n_steps:
        try:
            x, _ = next(data)
        except StopIteration:
            data = iter(loader)
            x, _ = next(data)
        x = x.cuda(non_blocking=True)
        recon, mu, logvar = vae(x)
        rec = F.binary_cross_entropy(recon, x, reduction="sum") / x.size(0)
        kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / x.size(0)
        elbo = rec + beta * kld

        opt.zero_grad()
        elbo.backward()
        opt.step()

        tracker["elbo"] += elbo
        step += 1
        log_metrics(tracker, step)
