import logging

import torch
from torch.optim.lr_scheduler import StepLR

log = logging.getLogger(__name__)


def current_lrs(lr_sched):
    lrs = lr_sched.get_lr()
    return {f"lr/group{i}": lr for i, lr in enumerate(lrs)}


def run(net, loader, loss_fn, n_epochs=50, step_size=15):
    opt = torch.optim.SGD(
        [
            {"params": net.features.parameters(), "lr": 1e-3},
            {"params": net.head.parameters(), "lr": 1e-2},
        ],
        momentum=0.9,
    )
    lr_sched = StepLR(opt, step_size=step_size, gamma=0.1)
    history = []
    for ep in range(n_epochs):
        net.train()
        tot = 0.0
        for xb, yb in loader:
            opt.zero_grad()
            loss = loss_fn(net(xb), yb)
            loss.backward()
            opt.step()
            tot += loss.item()
        lr_sched.step()
        row = {"epoch": ep, "loss": tot / max(1, len(loader))}
        row.update(current_lrs(lr_sched))
        history.append(row)
        log.info("epoch %d: %s", ep, row)
    return history
