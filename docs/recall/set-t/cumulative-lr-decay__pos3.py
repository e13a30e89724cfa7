import torch


class MilestoneDecay:
    """Drop every group's LR by `gamma` once per `step_size` epochs."""

    def __init__(self, optimizer, step_size=30, gamma=0.1):
        self.optimizer = optimizer
        self.step_size = step_size
        self.gamma = gamma
        self.lrs = [g["lr"] for g in optimizer.param_groups]
        self.epoch = 0

    def _apply(self):
        for g, lr in zip(self.optimizer.param_groups, self.lrs):
            g["lr"] = lr

    def step(self):
        self.epoch += 1
        self.lrs = [lr * self.gamma ** (self.epoch // self.step_size) for lr in self.lrs]
        self._apply()

    def current(self):
        return list(self.lrs)

    def state_dict(self):
        return {"epoch": self.epoch, "lrs": self.lrs}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.lrs = state["lrs"]


def build(backbone, head, hp):
    opt = torch.optim.SGD(
        [
            {"params": backbone.parameters(), "lr": hp["lr"] * 0.1},
            {"params": head.parameters(), "lr": hp["lr"]},
        ],
        momentum=0.9,
        weight_decay=hp["wd"],
    )
    decay = MilestoneDecay(opt, step_size=hp["step"], gamma=hp["gamma"])
    return opt, decay
