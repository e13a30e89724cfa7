import math

import torch


class CosineWithWarmup:
    """Per-iteration linear warm-up + cosine decay that can be checkpointed."""

    def __init__(self, optimizer, warm_iters, total_iters, final_ratio=0.0):
        self.optimizer = optimizer
        self.warm_iters = warm_iters
        self.total_iters = total_iters
        self.final_ratio = final_ratio
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.it = 0
        self._apply()

    def factor(self):
        if self.it < self.warm_iters:
            return (self.it + 1) / self.warm_iters
        span = max(1, self.total_iters - self.warm_iters)
        t = min(1.0, (self.it - self.warm_iters) / span)
        return self.final_ratio + (1 - self.final_ratio) * 0.5 * (1 + math.cos(math.pi * t))

    def _apply(self):
        f = self.factor()
        for g, lr0 in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = lr0 * f

    def step(self):
        self.it += 1
        self._apply()

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
        self._apply()


def train(net, loader, steps, ckpt_path, lr=1e-3):
    opt = torch.optim.AdamW(net.parameters(), lr=lr)
    sched = CosineWithWarmup(opt, warm_iters=200, total_iters=steps)
    net.train()
    done = 0
    while done < steps:
        for x, y in loader:
            loss = torch.nn.functional.mse_loss(net(x.cuda()), y.cuda())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            done += 1
            if done >= steps:
                break
    torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                "sched": sched.state_dict()}, ckpt_path)
