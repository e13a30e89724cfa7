import torch


class ScheduledOptim:
    """Optimizer wrapper with the inverse-square-root warm-up schedule."""

    def __init__(self, optimizer, lr_mul, d_model, n_warmup_steps):
        self._optimizer = optimizer
        self.lr_mul = lr_mul
        self.d_model = d_model
        self.n_warmup_steps = n_warmup_steps
        self.n_steps = 0

    def step_and_update_lr(self):
        self._update_learning_rate()
        self._optimizer.step()

    def zero_grad(self):
        self._optimizer.zero_grad()

    def _get_lr_scale(self):
        n_steps, n_warmup_steps = self.n_steps, self.n_warmup_steps
        return (self.d_model ** -0.5) * min(n_steps ** (-0.5), n_steps * n_warmup_steps ** (-1.5))

    def _update_learning_rate(self):
        self.n_steps += 1
        lr = self.lr_mul * self._get_lr_scale()
        for param_group in self._optimizer.param_groups:
            param_group["lr"] = lr

    def state_dict(self):
        return {"n_steps": self.n_steps, "optimizer": self._optimizer.state_dict()}

    def load_state_dict(self, state):
        self.n_steps = state["n_steps"]
        self._optimizer.load_state_dict(state["optimizer"])


def train_epoch(transformer, loader, sched_opt, loss_fn):
    transformer.train()
    total = 0.0
    for src, tgt in loader:
        sched_opt.zero_grad()
        pred = transformer(src, tgt[:, :-1])
        loss = loss_fn(pred.reshape(-1, pred.size(-1)), tgt[:, 1:].reshape(-1))
        loss.backward()
        sched_opt.step_and_update_lr()
        total += loss.item()
    return total / len(loader)


def build(transformer, hp):
    adam = torch.optim.Adam(transformer.parameters(), betas=(0.9, 0.98), eps=1e-9)
    return ScheduledOptim(adam, hp["lr_mul"], hp["d_model"], hp["n_warmup"])
