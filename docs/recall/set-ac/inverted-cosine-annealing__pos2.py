import math

import torch


class CosineAnnealer:
    """Anneals the learning rate of every group from `base_lr` down to `final_lr`."""

    def __init__(self, opt, base_lr, final_lr, total_steps):
        self.opt = opt
        self.base_lr = base_lr
        self.final_lr = final_lr
        self.total_steps = max(1, total_steps)
        self.step_num = 0

    def lr_at(self, step):
        t = min(step, self.total_steps) / self.total_steps
        return self.final_lr + (self.base_lr - self.final_lr) * (1 - math.cos(math.pi * t)) / 2

    def step(self):
        self.step_num += 1
        lr = self.lr_at(self.step_num)
        for group in self.opt.param_groups:
            group["lr"] = lr
        return lr

    def state_dict(self):
        return {"step_num": self.step_num}

    def load_state_dict(self, sd):
        self.step_num = sd["step_num"]


def train(policy, rollouts, hp):
    opt = torch.optim.Adam(policy.parameters(), lr=hp["lr"])
    annealer = CosineAnnealer(opt, hp["lr"], hp["final_lr"], hp["updates"])
    for update in range(hp["updates"]):
        batch = rollouts.sample(hp["batch_size"])
        loss = policy.loss(batch)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), hp["max_grad_norm"])
        opt.step()
        lr = annealer.step()
        if update % 100 == 0:
            print(f"update {update} loss {loss.item():.3f} lr {lr:.2e}")
