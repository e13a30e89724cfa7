import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ExponentialLR


def fit(policy, replay, n_updates=100_000, lr=3e-4, decay=0.99995, batch=256, log_every=1000):
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    sched = ExponentialLR(opt, gamma=decay)
    policy.train()
    upd = 0
    while upd < n_updates:
        obs, act, ret = replay.sample(batch)
        logits = policy(obs)
        loss = F.cross_entropy(logits, act, reduction="none")
        loss = (loss * ret.clamp(min=0)).mean()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 10.0)
        opt.step()
        sched.step()
        upd += 1
        if upd % log_every == 0:
            cur = sched.get_lr()[0]
            print(f"update {upd}: loss={loss.item():.4f} lr={cur:.3e}")
    return policy
