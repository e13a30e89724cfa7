import torch
import torch.nn.functional as F


def train_autoencoder(ae, loader, n_epochs, lr=2e-4, beta=1.0):
    opt = torch.optim.Adam(ae.parameters(), lr=lr)
    ae.cuda().train()
    history = []
    for epoch in range(n_epochs):
        # keep the sum on the GPU to avoid a host sync every batch
        epoch_loss = torch.zeros((), device="cuda")
        n_seen = 0
        for images, _ in loader:
            images = images.cuda(non_blocking=True)
            recon, mu, logvar = ae(images)
            rec = F.mse_loss(recon, images)
            kld = -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp())
            loss = rec + beta * kld
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            epoch_loss += loss.detach() * images.size(0)
            n_seen += images.size(0)
        history.append(epoch_loss.item() / n_seen)
        print(f"epoch {epoch}: loss {history[-1]:.4f}")
    return history
