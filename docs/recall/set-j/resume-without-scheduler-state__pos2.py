"""Checkpoint helpers and the main fine-tuning loop."""
import math
import os

import torch
from torch.optim.lr_scheduler import LambdaLR


def save_checkpoint(path, net, opt, lr_sched, step):
    torch.save(
        {
            "step": step,
            "net": net.state_dict(),
            "opt": opt.state_dict(),
            "lr_sched": lr_sched.state_dict(),
        },
        path,
    )


def load_checkpoint(path, net, opt, lr_sched):
    state = torch.load(path, map_location="cpu")
    net.load_state_dict(state["net"])
    opt.load_state_dict(state["opt"])
    return state["step"]


def warmup_cosine(warm_steps, total_steps):
    def fn(step):
        if step < warm_steps:
            return (step + 1) / warm_steps
        progress = (step - warm_steps) / max(1, total_steps - warm_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))
    return fn


def finetune(net, train_loader, hp, ckpt_dir):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    total = hp["epochs"] * len(train_loader)
    lr_sched = LambdaLR(opt, warmup_cosine(hp["ramp"], total))
    last = os.path.join(ckpt_dir, "last.pt")
    step = load_checkpoint(last, net, opt, lr_sched) if os.path.exists(last) else 0

    net.train()
    while step < total:
        for batch in train_loader:
            loss = net(**batch).loss
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            lr_sched.step()
            step += 1
            if step % hp["save_every"] == 0:
                save_checkpoint(last, net, opt, lr_sched, step)
            if step >= total:
                break
