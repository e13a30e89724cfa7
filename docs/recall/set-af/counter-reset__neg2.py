import torch


class ExpDecayLR:
    """Exponential decay applied every `interval` iterations.

    `step()` may be given the iteration explicitly (e.g. when resuming);
    otherwise it advances its own counter.
    """

    def __init__(self, opt, gamma=0.97, interval=1000, floor=1e-6):
        self.opt = opt
        self.gamma = gamma
        self.interval = interval
        self.floor = floor
        self.init_lrs = [pg["lr"] for pg in opt.param_groups]
        self.cur_iter = 0

    def reset(self):
        self.cur_iter = 0
        for pg, lr in zip(self.opt.param_groups, self.init_lrs):
            pg["lr"] = lr

    def step(self, cur_iter=None):
        if cur_iter is None:
            cur_iter = self.cur_iter + 1
        self.cur_iter = cur_iter
        k = self.cur_iter // self.interval
        for pg, lr in zip(self.opt.param_groups, self.init_lrs):
            pg["lr"] = max(self.floor, lr * self.gamma ** k)

    def state_dict(self):
        return {"cur_iter": self.cur_iter}

    def load_state_dict(self, sd):
        self.step(sd["cur_iter"])


def fit(net, loader, n_iters, lr=3e-4):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    lr_sched = ExpDecayLR(opt, gamma=0.95, interval=2000)
    it = 0
    net.train()
    while it < n_iters:
        for batch in loader:
            out = net(batch["x"].cuda())
            loss = torch.nn.functional.mse_loss(out, batch["y"].cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            it += 1
            if it >= n_iters:
                break
    return net
