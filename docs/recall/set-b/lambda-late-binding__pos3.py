import torch
from torch.optim.lr_scheduler import MultiplicativeLR

hp = {
    "lrs": [3e-4, 1e-3, 3e-3],
    "decay": [0.99, 0.97, 0.95],
    "epochs": 120,
}


def setup(policy, value_fn, encoder):
    opt = torch.optim.Adam([
        {"params": encoder.parameters(), "lr": hp["lrs"][0]},
        {"params": policy.parameters(), "lr": hp["lrs"][1]},
        {"params": value_fn.parameters(), "lr": hp["lrs"][2]},
    ])
    mults = []
    i = 0
    while i < len(opt.param_groups):
        factor = hp["decay"][i]
        mults.append(lambda epoch: factor)
        i += 1
    sched = MultiplicativeLR(opt, lr_lambda=mults)
    return opt, sched


def train(policy, value_fn, encoder, rollouts):
    opt, sched = setup(policy, value_fn, encoder)
    for epoch in range(hp["epochs"]):
        for obs, act, ret, adv in rollouts.iterate(batch_size=256):
            z = encoder(obs)
            logp = policy(z).log_prob(act)
            v = value_fn(z).squeeze(-1)
            loss = -(logp * adv).mean() + 0.5 * (v - ret).pow(2).mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(
                list(encoder.parameters()) + list(policy.parameters()) + list(value_fn.parameters()),
                0.5,
            )
            opt.step()
        sched.step()
        print(epoch, loss.item(), [round(g["lr"], 6) for g in opt.param_groups])
