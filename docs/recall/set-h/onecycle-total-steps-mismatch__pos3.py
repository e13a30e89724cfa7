import itertools

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR

hp = dict(epochs=30, max_lr=0.03, wd=5e-4, pseudo_weight=0.5)


def train_with_pseudo_labels(net, labeled_dl, pseudo_dl, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=hp["max_lr"], momentum=0.9, nesterov=True, weight_decay=hp["wd"])
    one_cycle = OneCycleLR(opt, max_lr=hp["max_lr"], epochs=hp["epochs"], steps_per_epoch=len(labeled_dl))

    net.to(device)
    for ep in range(hp["epochs"]):
        net.train()
        n_steps = 0
        for x, y, is_pseudo in itertools.chain(
            ((x, y, False) for x, y in labeled_dl),
            ((x, y, True) for x, y in pseudo_dl),
        ):
            x, y = x.to(device), y.to(device)
            loss = F.cross_entropy(net(x), y)
            if is_pseudo:
                loss = hp["pseudo_weight"] * loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            one_cycle.step()
            n_steps += 1
        print(f"epoch {ep}: {n_steps} steps, lr {one_cycle.get_last_lr()[0]:.4f}")
    return net
