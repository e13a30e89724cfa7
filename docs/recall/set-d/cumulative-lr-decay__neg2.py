import torch
import torch.nn.functional as F


class ExpDecay:
    """Per-iteration exponential decay: lr_t = lr_0 * gamma ** t, with a floor."""

    def __init__(self, opt, gamma=0.9999, floor=1e-6):
        self.opt = opt
        self.gamma = gamma
        self.floor = floor
        self.lrs = [g["lr"] for g in opt.param_groups]

    def step(self):
        self.lrs = [max(self.floor, lr * self.gamma) for lr in self.lrs]
        for g, lr in zip(self.opt.param_groups, self.lrs):
            g["lr"] = lr

    def state_dict(self):
        return {"lrs": list(self.lrs)}

    def load_state_dict(self, sd):
        self.lrs = list(sd["lrs"])


def train(policy, rollouts, n_updates, lr=7e-4):
    opt = torch.optim.RMSprop(policy.parameters(), lr=lr, alpha=0.99, eps=1e-5)
    decay = ExpDecay(opt, gamma=0.9995)
    for update in range(n_updates):
        obs, actions, returns = rollouts.sample()
        logits, values = policy(obs)
        adv = returns - values.squeeze(-1)
        logp = F.log_softmax(logits, dim=-1).gather(1, actions.unsqueeze(-1)).squeeze(-1)
        loss = -(logp * adv.detach()).mean() + 0.5 * adv.pow(2).mean()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 0.5)
        opt.step()
        decay.step()
