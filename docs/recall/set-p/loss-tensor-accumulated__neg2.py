import torch
import torch.nn.functional as F


def run_epoch(net, batches, opt, device):
    net.train()
    tot = torch.zeros((), device=device)
    count = 0
    for src, tgt in batches:
        src, tgt = src.to(device), tgt.to(device)
        opt.zero_grad(set_to_none=True)
        out = net(src, tgt[:, :-1])
        nll = F.cross_entropy(out.transpose(1, 2), tgt[:, 1:], ignore_index=0)
        nll.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        bs = src.size(0)
        tot += nll.detach() * bs
        count += bs
    return (tot / count).item()


def fit(net, train_batches, n_epochs, lr=5e-4):
    device = next(net.parameters()).device
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.98))
    for ep in range(n_epochs):
        avg = run_epoch(net, train_batches, opt, device)
        print(f"epoch {ep:3d} | train nll {avg:.4f}")
