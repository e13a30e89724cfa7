import torch
from torch.optim.lr_scheduler import ExponentialLR


class DampedExponentialLR(ExponentialLR):
    """Exponential decay with an additional 1 / (1 + k * t) damping term."""

    def __init__(self, optimizer, gamma, damping=1e-3, last_epoch=-1):
        self.damping = damping
        super().__init__(optimizer, gamma, last_epoch)

    def get_lr(self):
        damp = 1.0 / (1.0 + self.damping * self.last_epoch)
        return [group_lr * damp for group_lr in super().get_lr()]


class Trainer:
    def __init__(self, policy, env_loader, hp):
        self.policy = policy
        self.env_loader = env_loader
        self.hp = hp
        self.opt = torch.optim.Adam(policy.parameters(), lr=hp.lr)
        self.sched = DampedExponentialLR(self.opt, gamma=hp.gamma, damping=hp.damping)

    def update(self, batch):
        obs, actions, advantages = (t.cuda() for t in batch)
        logp = self.policy.log_prob(obs, actions)
        loss = -(logp * advantages).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.sched.step()
        return loss.item()

    def train(self, n_iters):
        self.policy.train()
        it = 0
        while it < n_iters:
            for batch in self.env_loader:
                loss = self.update(batch)
                it += 1
                if it % 500 == 0:
                    print(f"iter {it} loss {loss:.4f} lr {self.sched.get_last_lr()[0]:.2e}")
                if it >= n_iters:
                    break
