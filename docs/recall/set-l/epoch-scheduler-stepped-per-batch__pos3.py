import logging

import torch
from torch.optim.lr_scheduler import MultiStepLR

log = logging.getLogger(__name__)

HP = {
    "epochs": 160,
    "lr": 0.05,
    "milestones": [80, 120],  # epochs at which the LR is divided by 10
    "gamma": 0.1,
    "log_every": 50,
}


def train(net, loader, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=HP["lr"], momentum=0.9,
                          nesterov=True, weight_decay=1e-4)
    decay = MultiStepLR(opt, milestones=HP["milestones"], gamma=HP["gamma"])
    loss_fn = torch.nn.CrossEntropyLoss()

    ep = 0
    while ep < HP["epochs"]:
        net.train()
        seen, total = 0, 0.0
        for it, (inputs, labels) in enumerate(loader):
            out = net(inputs.to(device))
            loss = loss_fn(out, labels.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
            decay.step()
            total += loss.item() * inputs.size(0)
            seen += inputs.size(0)
            if it % HP["log_every"] == 0:
                log.info("ep %d it %d loss %.4f", ep, it, loss.item())
        log.info("ep %d mean loss %.4f", ep, total / max(seen, 1))
        ep += 1
    return net
