import torch


class LinearWarmup:
    """Ramps every param group's LR to its configured value over `period` steps.

    The target LRs are remembered once, and each step restores them before
    applying the ramp factor, so factors never stack up.
    """

    def __init__(self, opt, period):
        self.opt = opt
        self.period = max(1, int(period))
        self.targets = [pg["lr"] for pg in opt.param_groups]
        self.n = 0

    def update(self):
        self.n += 1
        ratio = min(1.0, self.n / self.period)
        for pg, target in zip(self.opt.param_groups, self.targets):
            pg["lr"] = target
            pg["lr"] *= ratio

    def state_dict(self):
        return {"n": self.n, "targets": self.targets}

    def load_state_dict(self, sd):
        self.n = sd["n"]
        self.targets = sd["targets"]


def pretrain(encoder, data, total_steps, hp):
    opt = torch.optim.Adam(encoder.parameters(), lr=hp["lr"], betas=(0.9, 0.98))
    ramp = LinearWarmup(opt, period=hp["ramp"])
    encoder.train()
    step = 0
    while step < total_steps:
        for src, tgt in data:
            if step < hp["ramp"]:
                ramp.update()
            loss = encoder(src, tgt)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if step >= total_steps:
                break
