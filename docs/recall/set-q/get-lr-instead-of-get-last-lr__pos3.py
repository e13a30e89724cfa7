import json

import torch
from torch.optim import lr_scheduler


def fit(net, loader, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = lr_scheduler.MultiStepLR(opt, milestones=args.milestones, gamma=0.2)
    history = {"loss": [], "lr": []}
    for epoch in range(args.epochs):
        net.train()
        epoch_loss = 0.0
        for step, (x, y) in enumerate(loader):
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        sched.step()
        current = sched.get_lr()
        history["loss"].append(epoch_loss / max(1, len(loader)))
        history["lr"].append(current[0])
    with open(args.history_path, "w") as fh:
        json.dump(history, fh, indent=2)
    return history
