import torch


class LinearWarmup:
    """Ramps every param group's LR up over ``period`` optimizer steps.

    Usage::

        warm = LinearWarmup(opt, period=2000)
        for batch in loader:
            ...
            opt.step()
            warm.dampen()
    """

    def __init__(self, optimizer, period):
        if period < 1:
            raise ValueError("period must be >= 1")
        self.optimizer = optimizer
        self.period = period
        self.last_step = -1
        self.dampen()

    def warmup_factor(self, step):
        return min(1.0, (step + 1) / self.period)

    def dampen(self, step=None):
        if step is None:
            step = self.last_step + 1
        self.last_step = step
        omega = self.warmup_factor(step)
        for group in self.optimizer.param_groups:
            group["lr"] *= omega

    def state_dict(self):
        return {"last_step": self.last_step, "period": self.period}

    def load_state_dict(self, state_dict):
        self.__dict__.update(state_dict)


def train(policy, loader, steps, lr=2.5e-4):
    opt = torch.optim.Adam(policy.parameters(), lr=lr, eps=1e-5)
    warm = LinearWarmup(opt, period=2000)
    step = 0
    while step < steps:
        for obs, returns in loader:
            loss = (policy(obs).squeeze(-1) - returns).pow(2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            warm.dampen()
            step += 1
            if step >= steps:
                break
