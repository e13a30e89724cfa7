import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


def run_epoch(vae, loader, opt, beta, device):
    vae.train()
    tot, n_seen = 0, 0
    it = iter(loader)
    while True:
        try:
            x, _ = next(it)
        except StopIteration:
            break
        x = x.to(device)
        recon, mu, logvar = vae(x)
        rec = F.binary_cross_entropy(recon, x, reduction="sum") / x.size(0)
        kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        loss = rec + beta * kld
        opt.zero_grad()
        loss.backward()
        opt.step()
        tot += loss * x.size(0)
        n_seen += x.size(0)
    return tot / n_seen


def main(vae, dataset, epochs=50, lr=1e-3, beta=1.0, device="cuda"):
    vae.to(device)
    loader = DataLoader(dataset, batch_size=128, shuffle=True, num_workers=4)
    opt = torch.optim.Adam(vae.parameters(), lr=lr)
    for epoch in range(1, epochs + 1):
        avg = run_epoch(vae, loader, opt, beta, device)
        print(f"epoch {epoch}: avg loss {avg:.4f}")
