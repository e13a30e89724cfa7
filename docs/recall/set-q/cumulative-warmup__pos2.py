import torch


class LinearWarmup:
    """Ramps every param group's LR from ~0 to its configured value over `period` steps."""

    def __init__(self, opt, period):
        self.opt = opt
        self.period = max(1, int(period))
        self.n = 0

    def update(self):
        self.n += 1
        ratio = min(1.0, self.n / self.period)
        for pg in self.opt.param_groups:
            pg["lr"] *= ratio

    def done(self):
        return self.n >= self.period

    def state_dict(self):
        return {"n": self.n, "period": self.period}

    def load_state_dict(self, sd):
        self.n = sd["n"]
        self.period = sd["period"]


def pretrain(encoder, data, total_steps, args):
    opt = torch.optim.Adam(encoder.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    ramp = LinearWarmup(opt, period=args.n_warm)
    step = 0
    encoder.train()
    data_iter = iter(data)
    while step < total_steps:
        try:
            src, tgt = next(data_iter)
        except StopIteration:
            data_iter = iter(data)
            src, tgt = next(data_iter)
        if not ramp.done():
            ramp.update()
        loss = encoder(src, tgt)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
        opt.step()
        step += 1
