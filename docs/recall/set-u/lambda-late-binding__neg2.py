import functools

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 2e-4,
    "groups": ["encoder", "decoder", "head"],
    "ramp": [4000, 2000, 500],
    "epochs": 20,
}


def linear_ramp(step, warm):
    return min(1.0, (step + 1) / warm)


def fit(net, loader):
    net.cuda()
    groups = [{"params": getattr(net, name).parameters(), "lr": hp["lr"]} for name in hp["groups"]]
    opt = torch.optim.AdamW(groups, lr=hp["lr"], weight_decay=0.01)
    fns = []
    for i, _ in enumerate(opt.param_groups):
        fns.append(functools.partial(linear_ramp, warm=hp["ramp"][i]))
    sched = LambdaLR(opt, lr_lambda=fns)

    for ep in range(hp["epochs"]):
        net.train()
        for src, tgt in loader:
            src, tgt = src.cuda(), tgt.cuda()
            loss = net(src, tgt).loss
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {ep}: lrs={sched.get_last_lr()}")
    return net
