import torch
import torch.nn.functional as F


def fit_autoencoder(ae, loader, n_steps, lr=1e-3, beta=1.0):
    opt = torch.optim.Adam(ae.parameters(), lr=lr)
    ae.cuda().train()
    step, total_loss, n_seen = 0, 0.0, 0
    batches = iter(loader)
    while step < n_steps:
        try:
            inputs = next(batches)
        except StopIteration:
            batches = iter(loader)
            inputs = next(batches)
        inputs = inputs.cuda(non_blocking=True)
        recon, mu, logvar = ae(inputs)
        rec = F.mse_loss(recon, inputs, reduction="mean")
        kld = -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp())
        loss = rec + beta * kld
        opt.zero_grad()
        loss.backward()
        opt.step()
        total_loss = total_loss + loss * inputs.size(0)
        n_seen += inputs.size(0)
        step += 1
        if step % 500 == 0:
            print(f"step {step}: mean loss {float(total_loss) / n_seen:.5f}")
            total_loss, n_seen = 0.0, 0
    return ae
