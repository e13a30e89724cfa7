import torch
import torch.nn.functional as F


def train_autoencoder(ae, loader, n_epochs, lr=2e-4, beta=1.0):
    opt = torch.optim.Adam(ae.parameters(), lr=lr)
    ae.cuda().train()
    epoch = 0
    history = []
    while epoch < n_epochs:
        epoch_loss, n_seen = 0.0, 0
        for images, _ in loader:
            images = images.cuda(non_blocking=True)
            recon, mu, logvar = ae(images)
            rec = F.mse_loss(recon, images, reduction="mean")
            kld = -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp())
            loss = rec + beta * kld
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            epoch_loss += loss * images.size(0)
            n_seen += images.size(0)
        history.append(epoch_loss / n_seen)
        print(f"epoch {epoch}: elbo loss {history[-1]:.4f}")
        epoch += 1
    return history
