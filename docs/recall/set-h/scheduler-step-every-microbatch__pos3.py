import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = dict(lr=1e-4, total_updates=20_000, ramp=500, accum=16, log_every=100)


def lr_factor(update):
    if update < hp["ramp"]:
        return (update + 1) / hp["ramp"]
    progress = min(1.0, (update - hp["ramp"]) / max(1, hp["total_updates"] - hp["ramp"]))
    return 0.5 * (1.0 + math.cos(math.pi * progress))


def train(policy, data_iter, device="cuda"):
    opt = torch.optim.Adam(policy.parameters(), lr=hp["lr"])
    sch = LambdaLR(opt, lr_factor)
    policy.train()

    micro = 0
    updates = 0
    while updates < hp["total_updates"]:
        obs, act = next(data_iter)
        obs, act = obs.to(device), act.to(device)
        loss = -policy.log_prob(obs, act).mean()
        (loss / hp["accum"]).backward()
        micro += 1
        if micro % hp["accum"] == 0:
            opt.step()
            opt.zero_grad()
            updates += 1
            if updates % hp["log_every"] == 0:
                print(f"update {updates} bc-loss {loss.item():.4f}")
        sch.step()
    return policy
