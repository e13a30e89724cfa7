import torch


class InverseSqrtWarmup:
    """Wraps an optimizer and sets the rate before every update.

    rate = scale * d_model^-0.5 * min(n^-0.5, n * warm^-1.5)
    """

    def __init__(self, optimizer, d_model, n_warm=4000, scale=1.0):
        self.inner = optimizer
        self.d_model = d_model
        self.n_warm = n_warm
        self.scale = scale
        self.num_updates = 0
        self.lr = 0.0

    def rate(self, n=None):
        n = self.num_updates if n is None else n
        n = max(n, 1)
        return self.scale * self.d_model ** -0.5 * min(n ** -0.5, n * self.n_warm ** -1.5)

    def step(self):
        self.num_updates += 1
        self.lr = self.rate()
        for group in self.inner.param_groups:
            group["lr"] = self.lr
        self.inner.step()

    def zero_grad(self, set_to_none=True):
        self.inner.zero_grad(set_to_none=set_to_none)


def make_std_opt(model, d_model=512):
    adam = torch.optim.Adam(model.parameters(), lr=0.0, betas=(0.9, 0.98), eps=1e-9)
    return InverseSqrtWarmup(adam, d_model, n_warm=4000, scale=2.0)
