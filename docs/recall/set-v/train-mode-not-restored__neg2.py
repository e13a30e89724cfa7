import torch
import torch.nn.functional as F


@torch.no_grad()
def evaluate(net, val_loader, device):
    was_training = net.training
    net.eval()
    nll, n_tok = 0.0, 0
    for src, tgt in val_loader:
        src, tgt = src.to(device), tgt.to(device)
        logits = net(src, tgt[:, :-1])
        nll += F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1),
                               ignore_index=0, reduction="sum").item()
        n_tok += (tgt[:, 1:] != 0).sum().item()
    net.train(was_training)
    return nll / max(n_tok, 1)


def run(net, train_iter, val_loader, opt, total_steps, eval_every=1000, device="cuda"):
    net.to(device)
    net.train()
    for step in range(1, total_steps + 1):
        src, tgt = next(train_iter)
        src, tgt = src.to(device), tgt.to(device)
        logits = net(src, tgt[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=0)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % eval_every == 0:
            print(f"step {step}: val nll {evaluate(net, val_loader, device):.3f}")
    return net
