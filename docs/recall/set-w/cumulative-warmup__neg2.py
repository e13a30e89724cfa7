import torch


class LinearWarmup:
    """Linear learning-rate warm-up.

    The target LR of every group is remembered at construction; each call to
    ``dampen()`` writes ``target * factor`` so the factors never stack.
    """

    def __init__(self, optimizer, period):
        if period < 1:
            raise ValueError("warm-up period must be >= 1")
        self.optimizer = optimizer
        self.period = period
        self.step_num = 0
        self.target_lrs = [g["lr"] for g in optimizer.param_groups]
        self._apply()

    def warmup_factor(self, step):
        return min(1.0, (step + 1) / self.period)

    def _apply(self):
        omega = self.warmup_factor(self.step_num)
        for group, target in zip(self.optimizer.param_groups, self.target_lrs):
            group["lr"] = target * omega

    def dampen(self):
        self.step_num += 1
        self._apply()

    def state_dict(self):
        return {"step_num": self.step_num, "target_lrs": list(self.target_lrs)}

    def load_state_dict(self, state):
        self.step_num = state["step_num"]
        self.target_lrs = list(state["target_lrs"])
        self._apply()


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
