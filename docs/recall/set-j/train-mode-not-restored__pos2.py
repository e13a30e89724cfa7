import torch
import torch.nn.functional as F


def validate(net, val_loader, device):
    net.eval()
    correct = total = 0
    with torch.no_grad():
        for src, tgt in val_loader:
            src, tgt = src.to(device), tgt.to(device)
            pred = net(src).argmax(-1)
            mask = tgt != 0
            correct += (pred[mask] == tgt[mask]).sum().item()
            total += mask.sum().item()
    return correct / max(total, 1)


def train(net, train_loader, val_loader, n_steps, val_interval, lr=3e-4, device="cuda"):
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.98))
    net.train()
    step = 0
    best = 0.0
    while step < n_steps:
        for src, tgt in train_loader:
            src, tgt = src.to(device), tgt.to(device)
            opt.zero_grad()
            logits = net(src)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), tgt.view(-1), ignore_index=0)
            loss.backward()
            opt.step()
            step += 1
            if step % val_interval == 0:
                acc = validate(net, val_loader, device)
                best = max(best, acc)
                print(f"step {step}: loss {loss.item():.3f} val acc {acc:.3f} (best {best:.3f})")
            if step >= n_steps:
                break
    return best
