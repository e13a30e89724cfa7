import torch
from torch import nn


def fit(policy, value_fn, rollouts, n_epochs=10, lr=3e-4, clip_eps=0.2):
    params = list(policy.parameters()) + list(value_fn.parameters())
    opt = torch.optim.Adam(params, lr=lr, eps=1e-5)
    mse = nn.MSELoss()
    opt.zero_grad()

    policy.train()
    value_fn.train()
    for epoch in range(n_epochs):
        stats = {"pi": 0.0, "v": 0.0}
        for obs, act, old_logp, adv, ret in rollouts:
            dist = policy(obs)
            logp = dist.log_prob(act).sum(-1)
            ratio = torch.exp(logp - old_logp)
            clipped = torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps)
            pi_loss = -torch.min(ratio * adv, clipped * adv).mean()
            v_loss = mse(value_fn(obs).squeeze(-1), ret)
            loss = pi_loss + 0.5 * v_loss
            loss.backward()
            nn.utils.clip_grad_norm_(params, 0.5)
            opt.step()
            stats["pi"] += pi_loss.item()
            stats["v"] += v_loss.item()
        print(epoch, {k: v / len(rollouts) for k, v in stats.items()})
