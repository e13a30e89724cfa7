import torch


class LinearWarmup:
    """Linear learning-rate warm-up applied on top of the optimizer's LR.

    Call ``dampen()`` once per iteration after ``optimizer.step()``.
    """

    def __init__(self, optimizer, period):
        if period < 1:
            raise ValueError("warm-up period must be >= 1")
        self.optimizer = optimizer
        self.period = period
        self.step_num = 0

    def warmup_factor(self, step):
        return min(1.0, (step + 1) / self.period)

    def dampen(self):
        self.step_num += 1
        omega = self.warmup_factor(self.step_num)
        for group in self.optimizer.param_groups:
            group["lr"] *= omega

    def state_dict(self):
        return {"step_num": self.step_num}

    def load_state_dict(self, state):
        self.step_num = state["step_num"]


def fit(policy, batches, lr=1e-3, warm=2000):
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    warmer = LinearWarmup(opt, warm)
    policy.train()
    for step, batch in enumerate(batches):
        opt.zero_grad(set_to_none=True)
        loss = policy.loss(batch)
        loss.backward()
        opt.step()
        warmer.dampen()
        if step % 100 == 0:
            print(f"step {step} loss {loss.item():.4f}")
