import bisect

import torch


class WarmupMultiStepLR:
    """Step decay at the given iterations, with a linear warm-up from warmup_factor * lr."""

    def __init__(self, optimizer, milestones=None, gamma=0.1, warmup_iters=500, warmup_factor=0.001):
        self.optimizer = optimizer
        self.milestones = sorted(milestones) if milestones is not None else []
        self.gamma = gamma
        self.warmup_iters = warmup_iters
        self.warmup_factor = warmup_factor
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_iter = 0
        self._apply()

    def _factor(self, it):
        decay = self.gamma ** bisect.bisect_right(self.milestones, it)
        if it >= self.warmup_iters:
            return decay
        alpha = (it + 1) / self.warmup_iters
        return decay * (self.warmup_factor * (1 - alpha) + alpha)

    def _apply(self):
        factor = self._factor(self.last_iter)
        for group, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base_lr * factor

    def step(self):
        self.last_iter += 1
        self._apply()

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self):
        return {"last_iter": self.last_iter, "milestones": list(self.milestones), "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.last_iter = state["last_iter"]
        self.milestones = list(state["milestones"])
        self.base_lrs = list(state["base_lrs"])
        self._apply()


def build_lr_scheduler(cfg, optimizer):
    return WarmupMultiStepLR(optimizer, cfg.SOLVER.STEPS, gamma=cfg.SOLVER.GAMMA,
                             warmup_iters=cfg.SOLVER.WARMUP_ITERS)
