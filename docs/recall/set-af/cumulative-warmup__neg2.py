import torch


class LinearDampening:
    """Multiplies the undamped learning rate by a warm-up factor omega(t).

    The undamped rates are restored before each multiplication, so the
    factor is applied to the same reference value on every step.
    """

    def __init__(self, optimizer, warmup_period):
        self.optimizer = optimizer
        self.warmup_period = max(1, int(warmup_period))
        self.lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_step = 0
        self.dampen()

    def omega(self, step):
        return min(1.0, step / self.warmup_period)

    def dampen(self):
        self.last_step += 1
        for group, lr in zip(self.optimizer.param_groups, self.lrs):
            group["lr"] = lr
        w = self.omega(self.last_step)
        for group in self.optimizer.param_groups:
            group["lr"] *= w

    def state_dict(self):
        return {"lrs": list(self.lrs), "last_step": self.last_step}

    def load_state_dict(self, sd):
        self.lrs = list(sd["lrs"])
        self.last_step = sd["last_step"]


def train(net, loader, epochs, lr=3e-4, warm=2000):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    damp = LinearDampening(opt, warm)
    for epoch in range(epochs):
        net.train()
        for batch in loader:
            loss = net(**batch).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            damp.dampen()
        print(epoch, opt.param_groups[0]["lr"])
