import torch
import torch.nn.functional as F


def warmup_lr(optimizer, cur_iter, warm_iters):
    """Linearly ramp each group's LR from its stored initial value."""
    factor = (cur_iter + 1) / warm_iters
    for g in optimizer.param_groups:
        g["lr"] = g["initial_lr"] * factor


def step_decay_lr(optimizer, epoch, milestones=(60, 80), gamma=0.1):
    for g in optimizer.param_groups:
        g["lr"] = g["initial_lr"] * gamma ** sum(epoch >= m for m in milestones)


def train(net, loader, epochs=100, base_lr=0.1, warm_epochs=1):
    optimizer = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=5e-4)
    for g in optimizer.param_groups:
        g.setdefault("initial_lr", g["lr"])
    warm_iters = warm_epochs * len(loader)
    it = 0
    for epoch in range(epochs):
        net.train()
        if epoch >= warm_epochs:
            step_decay_lr(optimizer, epoch)
        for x, y in loader:
            if it < warm_iters:
                warmup_lr(optimizer, it, warm_iters)
            loss = F.cross_entropy(net(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            it += 1
