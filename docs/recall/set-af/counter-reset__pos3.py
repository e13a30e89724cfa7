import torch
from torch import nn


def make_step_decay(opt, hp):
    """Returns a callable that decays every param group by hp["gamma"]
    each hp["decay_every"] optimisation steps."""
    state = {"n": 0}
    base = [g["lr"] for g in opt.param_groups]

    def step():
        state["n"] = 1
        k = state["n"] // hp["decay_every"]
        for g, b in zip(opt.param_groups, base):
            g["lr"] = b * hp["gamma"] ** k
        state["n"] += 1

    return step, state


def run(policy: nn.Module, rollouts, hp):
    opt = torch.optim.Adam(policy.parameters(), lr=hp["lr"], eps=1e-5)
    lr_step, lr_state = make_step_decay(opt, hp)
    for update, batch in enumerate(rollouts):
        obs, act, old_logp, adv, ret = batch
        dist, value = policy(obs)
        ratio = torch.exp(dist.log_prob(act) - old_logp)
        clipped = torch.clamp(ratio, 1 - hp["clip"], 1 + hp["clip"])
        pg_loss = -torch.min(ratio * adv, clipped * adv).mean()
        v_loss = (ret - value).pow(2).mean()
        loss = pg_loss + hp["vf_coef"] * v_loss - hp["ent_coef"] * dist.entropy().mean()
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(policy.parameters(), hp["max_grad_norm"])
        opt.step()
        lr_step()
        if update % hp["log_every"] == 0:
            print(update, loss.item(), opt.param_groups[0]["lr"])
    return policy
