import math
import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def build_schedule(opt, hp):
    ramp = max(1, hp["ramp"])
    horizon = max(ramp + 1, hp["total_steps"])

    def factor(step):
        if step < ramp:
            return (step + 1) / ramp
        progress = min(1.0, (step - ramp) / (horizon - ramp))
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    return LambdaLR(opt, factor)


def train(net, data_iter, hp):
    device = "cuda"
    net.to(device).train()
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], betas=(0.9, 0.98))
    sched = build_schedule(opt, hp)

    step = 0
    while step < hp["total_steps"]:
        src, tgt = next(data_iter)
        src, tgt = src.to(device), tgt.to(device)
        logits = net(src, tgt[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1), ignore_index=0)

        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), hp["clip"])
        opt.step()
        sched.step()
        step += 1

        if step % hp["ckpt_every"] == 0:
            state = {}
            state["step"] = step
            state["weights"] = net.state_dict()
            state["optim"] = opt.state_dict()
            state["hp"] = dict(hp)
            torch.save(state, os.path.join(hp["out_dir"], f"ckpt_{step}.pt"))
