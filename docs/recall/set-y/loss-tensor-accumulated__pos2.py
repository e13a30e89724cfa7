import torch
import torch.nn.functional as F


def fit(encoder, decoder, batches, n_steps, lr=1e-3, beta=1.0):
    params = list(encoder.parameters()) + list(decoder.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    encoder.train()
    decoder.train()
    epoch_loss = 0.0
    n_seen = 0
    step = 0
    while step < n_steps:
        x = next(batches).cuda(non_blocking=True)
        mu, logvar = encoder(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        recon = decoder(z)
        rec = F.binary_cross_entropy_with_logits(recon, x, reduction="sum") / x.size(0)
        kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        loss = rec + beta * kld
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        epoch_loss = epoch_loss + loss * x.size(0)
        n_seen += x.size(0)
        step += 1
        if step % 500 == 0:
            print(f"step {step}: avg loss {epoch_loss.item() / n_seen:.3f}")
            epoch_loss, n_seen = 0.0, 0
    return encoder, decoder
