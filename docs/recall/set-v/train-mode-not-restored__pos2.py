import torch
import torch.nn.functional as F


def run(net, train_iter, val_loader, opt, total_steps, eval_every=1000, device="cuda"):
    net.to(device)
    net.train()
    step = 0
    while step < total_steps:
        src, tgt = next(train_iter)
        src, tgt = src.to(device), tgt.to(device)
        logits = net(src, tgt[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=0)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        step += 1

        if step % eval_every == 0:
            net.eval()
            nll, n_tok = 0.0, 0
            with torch.no_grad():
                for vsrc, vtgt in val_loader:
                    vsrc, vtgt = vsrc.to(device), vtgt.to(device)
                    vlogits = net(vsrc, vtgt[:, :-1])
                    nll += F.cross_entropy(vlogits.reshape(-1, vlogits.size(-1)), vtgt[:, 1:].reshape(-1),
                                           ignore_index=0, reduction="sum").item()
                    n_tok += (vtgt[:, 1:] != 0).sum().item()
            print(f"step {step}: train loss {loss.item():.3f} val ppl {torch.exp(torch.tensor(nll / n_tok)):.2f}")
    return net
