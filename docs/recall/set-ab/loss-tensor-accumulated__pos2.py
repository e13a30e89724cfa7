import torch
import torch.nn.functional as F


class VAETrainer:
    def __init__(self, vae, loader, lr=1e-3, beta=1.0, device="cuda"):
        self.vae = vae.to(device)
        self.loader = loader
        self.beta = beta
        self.device = device
        self.opt = torch.optim.Adam(self.vae.parameters(), lr=lr)
        self.epoch_loss = 0

    @staticmethod
    def elbo_terms(recon, x, mu, logvar):
        rec = F.binary_cross_entropy(recon, x, reduction="sum") / x.size(0)
        kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / x.size(0)
        return rec, kld

    def train_epoch(self):
        self.vae.train()
        self.epoch_loss = 0
        for x, _ in self.loader:
            x = x.to(self.device).view(x.size(0), -1)
            recon, mu, logvar = self.vae(x)
            rec, kld = self.elbo_terms(recon, x, mu, logvar)
            loss = rec + self.beta * kld
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.epoch_loss = self.epoch_loss + loss
        return self.epoch_loss / len(self.loader)

    def fit(self, n_epochs):
        curve = []
        for ep in range(n_epochs):
            avg = self.train_epoch()
            curve.append(float(avg))
            print(f"epoch {ep}: -ELBO {curve[-1]:.2f}")
        return curve
