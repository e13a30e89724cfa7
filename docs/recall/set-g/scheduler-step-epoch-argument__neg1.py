import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts


def train(net, loader, epochs=60, lr=0.05):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealingWarmRestarts(opt, T_0=10, T_mult=2, eta_min=1e-5)
    iters = len(loader)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for i, (x, y) in enumerate(loader):
            loss = crit(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            # per-batch update with a fractional epoch
            sched.step(epoch + i / iters)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.6f}")
    return net
