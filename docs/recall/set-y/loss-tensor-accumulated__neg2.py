import torch
import torch.nn.functional as F


def fit(encoder, decoder, batches, n_steps, lr=1e-3, beta=1.0, log_every=500):
    params = list(encoder.parameters()) + list(decoder.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    encoder.train()
    decoder.train()
    window = torch.zeros((), device="cuda")
    n_seen = 0
    step = 0
    while step < n_steps:
        x = next(batches).cuda(non_blocking=True)
        mu, logvar = encoder(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        rec = F.binary_cross_entropy_with_logits(decoder(z), x, reduction="sum") / x.size(0)
        kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        loss = rec + beta * kld
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        # detached so the running sum stays on-device without holding the graph
        window += loss.detach() * x.size(0)
        n_seen += x.size(0)
        step += 1
        if step % log_every == 0:
            print(f"step {step}: avg loss {window.item() / n_seen:.3f}")
            window.zero_()
            n_seen = 0
    return encoder, decoder
