import torch
import torch.nn.functional as F


@torch.no_grad()
def evaluate(net, val_loader, device):
    net.eval()
    total_nll, total_tokens = 0.0, 0
    for src, tgt in val_loader:
        src, tgt = src.to(device), tgt.to(device)
        logits = net(src, tgt[:, :-1])
        total_nll += F.cross_entropy(logits.flatten(0, 1), tgt[:, 1:].flatten(),
                                     ignore_index=0, reduction="sum").item()
        total_tokens += (tgt[:, 1:] != 0).sum().item()
    return total_nll / max(total_tokens, 1)


def train(net, opt, train_loader, val_loader, args, device="cuda"):
    net.to(device)
    net.train()
    step = 0
    for epoch in range(args.epochs):
        for src, tgt in train_loader:
            src, tgt = src.to(device), tgt.to(device)
            logits = net(src, tgt[:, :-1])
            loss = F.cross_entropy(logits.flatten(0, 1), tgt[:, 1:].flatten(),
                                   ignore_index=0, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step += 1
            if step % args.eval_every == 0:
                val_nll = evaluate(net, val_loader, device)
                print(f"step {step}: train {loss.item():.3f} val nll {val_nll:.3f}")
