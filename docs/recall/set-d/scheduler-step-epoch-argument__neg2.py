import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts


def train(net, loader, epochs=100, lr=0.05, T_0=10, T_mult=2):
    """SGDR: warm restarts every T_0, 2*T_0, ... epochs, annealed within each batch."""
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealingWarmRestarts(opt, T_0=T_0, T_mult=T_mult, eta_min=1e-5)
    criterion = nn.CrossEntropyLoss()
    iters = len(loader)
    for epoch in range(epochs):
        net.train()
        for i, (x, y) in enumerate(loader):
            opt.zero_grad()
            loss = criterion(net(x), y)
            loss.backward()
            opt.step()
            sched.step(epoch + i / iters)
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict()},
                   "sgdr_last.pt")
