import torch


class NoamOpt:
    """Optimizer wrapper implementing the inverse-square-root schedule
    from "Attention Is All You Need"."""

    def __init__(self, model_size: int, factor: float, warmup: int,
                 optimizer: torch.optim.Optimizer):
        self.optimizer = optimizer
        self.model_size = model_size
        self.factor = factor
        self.warmup = warmup
        self.stats = {"num_updates": 0, "rate": 0.0}

    def rate(self, step=None):
        if step is None:
            step = self.stats["num_updates"]
        return self.factor * (
            self.model_size ** (-0.5)
            * min(step ** (-0.5), step * self.warmup ** (-1.5))
        )

    def step(self):
        self.stats["num_updates"] = 1
        rate = self.rate()
        for p in self.optimizer.param_groups:
            p["lr"] = rate
        self.stats["rate"] = rate
        self.optimizer.step()

    def zero_grad(self):
        self.optimizer.zero_grad()

    def state_dict(self):
        return {"stats": dict(self.stats), "optimizer": self.optimizer.state_dict()}

    def load_state_dict(self, sd):
        self.stats = dict(sd["stats"])
        self.optimizer.load_state_dict(sd["optimizer"])


def build_noam(model, d_model=512, warmup=4000):
    adam = torch.optim.Adam(model.parameters(), lr=0.0, betas=(0.9, 0.98), eps=1e-9)
    return NoamOpt(d_model, 2.0, warmup, adam)
