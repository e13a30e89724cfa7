import itertools

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def infinite(loader):
    for epoch in itertools.count():
        if hasattr(loader.sampler, "set_epoch"):
            loader.sampler.set_epoch(epoch)
        yield from loader


def train(policy, loader, cfg):
    opt = torch.optim.AdamW(policy.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
    lr_sched = CosineAnnealingLR(opt, T_max=cfg["max_steps"], eta_min=cfg["lr"] * 0.05)
    batches = infinite(loader)
    step = 0
    policy.train()
    while step < cfg["max_steps"]:
        lr_sched.step()
        obs, act = next(batches)
        pred = policy(obs.cuda(non_blocking=True))
        loss = torch.nn.functional.mse_loss(pred, act.cuda(non_blocking=True))

        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), cfg["clip"])
        opt.step()

        step += 1
        if step % cfg["log_every"] == 0:
            print(f"step {step} loss {loss.item():.5f} lr {lr_sched.get_last_lr()[0]:.2e}")
