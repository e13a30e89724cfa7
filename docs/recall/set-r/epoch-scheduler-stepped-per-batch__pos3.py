import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR

HP = {
    "lr": 3e-4,
    "n_epochs": 40,
    "decay_every": 10,  # epochs
    "decay_gamma": 0.5,
    "clip": 1.0,
}


def update(policy, batch, opt, lr_sched, loss_fn):
    obs, act = batch
    opt.zero_grad()
    pred = policy(obs)
    loss = loss_fn(pred, act)
    loss.backward()
    nn.utils.clip_grad_norm_(policy.parameters(), HP["clip"])
    opt.step()
    lr_sched.step()
    return loss.item()


def behaviour_cloning(policy, demo_loader, device="cuda"):
    policy.to(device)
    opt = torch.optim.Adam(policy.parameters(), lr=HP["lr"])
    lr_sched = StepLR(opt, step_size=HP["decay_every"], gamma=HP["decay_gamma"])
    loss_fn = nn.MSELoss()

    ep = 0
    while ep < HP["n_epochs"]:
        policy.train()
        losses = []
        it = iter(demo_loader)
        while True:
            try:
                obs, act = next(it)
            except StopIteration:
                break
            batch = (obs.to(device), act.to(device))
            losses.append(update(policy, batch, opt, lr_sched, loss_fn))
        mean_loss = sum(losses) / max(1, len(losses))
        print(f"epoch {ep}: bc loss {mean_loss:.5f}")
        ep += 1
    return policy
