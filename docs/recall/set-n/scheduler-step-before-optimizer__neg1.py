import torch
from torch.optim.lr_scheduler import OneCycleLR


def accuracy(logits, targets):
    return (logits.argmax(dim=1) == targets).float().mean().item()


def fit(net, loader, n_epochs, peak_lr=3e-3, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=peak_lr, weight_decay=1e-2)
    sched = OneCycleLR(opt, max_lr=peak_lr, total_steps=n_epochs * len(loader))
    net.to(device)
    for ep in range(n_epochs):
        net.train()
        accs = []
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad()
            logits = net(xb)
            loss = torch.nn.functional.cross_entropy(logits, yb)
            loss.backward()
            opt.step()
            sched.step()
            accs.append(accuracy(logits.detach(), yb))
        print(ep, round(loss.item(), 4), sum(accs) / max(1, len(accs)), sched.get_last_lr())
