import torch


def train_vae(vae, loader, opt, n_steps, beta=1.0, log_every=500):
    vae.train()
    step = 0
    window_loss = torch.zeros((), device="cuda")
    data_iter = iter(loader)
    while step < n_steps:
        try:
            imgs = next(data_iter)
        except StopIteration:
            data_iter = iter(loader)
            imgs = next(data_iter)
        imgs = imgs.cuda(non_blocking=True)
        recon, mu, logvar = vae(imgs)
        rec = torch.nn.functional.mse_loss(recon, imgs, reduction="sum") / imgs.size(0)
        kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        elbo = rec + beta * kld

        opt.zero_grad(set_to_none=True)
        elbo.backward()
        opt.step()

        window_loss += elbo.detach()
        step += 1
        if step % log_every == 0:
            print(f"step {step}: elbo {window_loss.item() / log_every:.3f}")
            window_loss.zero_()
    return vae


@torch.no_grad()
def evaluate_vae(vae, loader, beta=1.0):
    vae.eval()
    total = 0
    for imgs in loader:
        imgs = imgs.cuda(non_blocking=True)
        recon, mu, logvar = vae(imgs)
        rec = torch.nn.functional.mse_loss(recon, imgs, reduction="sum") / imgs.size(0)
        kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        total += rec + beta * kld
    vae.train()
    return (total / len(loader)).item()
