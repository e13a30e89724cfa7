import torch
from torch import nn


class LinearWarmup:
    """Ramps every parameter group up to its configured rate over the first batches."""

    def __init__(self, opt, warm_batches):
        self.opt = opt
        self.warm_batches = warm_batches
        self.targets = [g["lr"] for g in opt.param_groups]
        self.batch_idx = 0
        self._apply()

    def _factor(self):
        if self.warm_batches <= 0:
            return 1.0
        return min(1.0, (self.batch_idx + 1) / self.warm_batches)

    def _apply(self):
        f = self._factor()
        for g, target in zip(self.opt.param_groups, self.targets):
            g["lr"] = target * f

    def step_batch(self):
        self.batch_idx = 1
        self._apply()

    def state_dict(self):
        return {"batch_idx": self.batch_idx, "targets": self.targets}

    def load_state_dict(self, sd):
        self.batch_idx = sd["batch_idx"]
        self.targets = sd["targets"]


def fit(net, train_dl, num_epochs=20, base_lr=3e-4, warm_batches=1000):
    opt = torch.optim.Adam(net.parameters(), lr=base_lr)
    warm = LinearWarmup(opt, warm_batches)
    loss_fn = nn.MSELoss()
    for epoch in range(num_epochs):
        net.train()
        for xb, yb in train_dl:
            pred = net(xb)
            loss = loss_fn(pred, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            warm.step_batch()
    return net
