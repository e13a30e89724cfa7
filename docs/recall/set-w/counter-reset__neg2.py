import torch


class InverseSqrtSchedule:
    """Inverse square-root learning-rate schedule with linear warm-up.

    ``step()`` may be given the global update number explicitly (e.g. when
    resuming); otherwise the internal counter advances by one.
    """

    def __init__(self, optimizer, d_model, warmup_updates=4000, scale=1.0):
        self.optimizer = optimizer
        self.d_model = d_model
        self.warmup_updates = warmup_updates
        self.scale = scale
        self._num_updates = 0

    def lr_for(self, n):
        n = max(n, 1)
        return self.scale * self.d_model ** -0.5 * min(n ** -0.5, n * self.warmup_updates ** -1.5)

    def step(self, num_updates=None):
        if num_updates is not None:
            self._num_updates = num_updates
        else:
            self._num_updates += 1
        lr = self.lr_for(self._num_updates)
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        return lr

    def state_dict(self):
        return {"num_updates": self._num_updates}

    def load_state_dict(self, state):
        self._num_updates = state["num_updates"]


def train(model, batches, d_model=512):
    opt = torch.optim.Adam(model.parameters(), lr=0.0, betas=(0.9, 0.98), eps=1e-9)
    sched = InverseSqrtSchedule(opt, d_model)
    model.train()
    for src, tgt in batches:
        opt.zero_grad()
        loss = model(src, tgt)
        loss.backward()
        opt.step()
        sched.step()
    return model
