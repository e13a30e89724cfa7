import torch
from torch import nn

HP = {
    "lr": 5e-4,
    "ramp": 2000,
    "wd": 0.05,
    "steps": 100_000,
    "betas": (0.9, 0.95),
}


def warm_up(opt, step, hp):
    if step >= hp["ramp"]:
        return
    for pg in opt.param_groups:
        pg["lr"] *= (step + 1) / hp["ramp"]


def infinite(loader):
    while True:
        for batch in loader:
            yield batch


def pretrain(net: nn.Module, loader, hp=HP):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], betas=hp["betas"], weight_decay=hp["wd"])
    batches = infinite(loader)
    net.train()
    step = 0
    while step < hp["steps"]:
        inputs, targets = next(batches)
        warm_up(opt, step, hp)
        logits = net(inputs)
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 500 == 0:
            print(f"step {step} loss {loss.item():.3f}")
    return net
