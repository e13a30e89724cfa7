import logging

import torch
from torch.optim.lr_scheduler import StepLR

log = logging.getLogger(__name__)


def fit(net, loader, val_fn, n_epochs=40):
    opt = torch.optim.SGD(
        [
            {"params": net.encoder.parameters(), "lr": 1e-3},
            {"params": net.decoder.parameters(), "lr": 1e-2},
        ],
        momentum=0.9,
    )
    sched = StepLR(opt, step_size=15, gamma=0.5)
    for ep in range(n_epochs):
        net.train()
        for src, dst in loader:
            loss = torch.nn.functional.mse_loss(net(src), dst)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        lrs = ", ".join(f"{x:.2e}" for x in sched.get_lr())
        log.info("epoch %d val %.4f lrs [%s]", ep, val_fn(net), lrs)
