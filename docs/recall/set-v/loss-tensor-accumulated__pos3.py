import torch
import torch.nn.functional as F


class VAETrainer:
    def __init__(self, vae, loader, lr=1e-3, beta=1.0, device="cuda"):
        self.vae = vae.to(device)
        self.loader = loader
        self.beta = beta
        self.device = device
        self.opt = torch.optim.Adam(self.vae.parameters(), lr=lr)
        self.epoch_loss = 0.0
        self.n_batches = 0

    def elbo(self, x):
        recon, mu, logvar = self.vae(x)
        rec = F.binary_cross_entropy(recon, x, reduction="sum") / x.size(0)
        kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        return rec + self.beta * kld

    def training_step(self, x):
        loss = self.elbo(x.to(self.device))
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.epoch_loss += loss
        self.n_batches += 1

    def run(self, epochs):
        for epoch in range(epochs):
            self.vae.train()
            self.epoch_loss, self.n_batches = 0.0, 0
            for x, _ in self.loader:
                self.training_step(x)
            print(f"epoch {epoch}: -elbo {self.epoch_loss / self.n_batches:.3f}")
