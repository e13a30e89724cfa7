import torch
import torch.nn as nn
import torch.nn.functional as F


class BehaviourCloning:
    def __init__(self, policy, buffer, lr=3e-4, batch_size=256, n_updates=1000, max_grad_norm=0.5):
        self.policy = policy
        self.buffer = buffer
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=lr)
        self.batch_size = batch_size
        self.n_updates = n_updates
        self.max_grad_norm = max_grad_norm

    def compute_loss(self, batch):
        obs, actions = batch["obs"], batch["actions"]
        dist = self.policy.distribution(obs)
        nll = -dist.log_prob(actions).mean()
        entropy = dist.entropy().mean()
        return nll - 1e-3 * entropy, entropy.detach()

    def train(self):
        self.policy.train()
        self.opt.zero_grad()
        logs = {"loss": 0.0, "entropy": 0.0}
        for update in range(self.n_updates):
            batch = self.buffer.sample(self.batch_size)
            loss, ent = self.compute_loss(batch)
            loss.backward()
            nn.utils.clip_grad_norm_(self.policy.parameters(), self.max_grad_norm)
            self.opt.step()
            logs["loss"] += loss.item() / self.n_updates
            logs["entropy"] += ent.item() / self.n_updates
        return logs


def mse_baseline(policy, batch):
    pred = policy(batch["obs"])
    return F.mse_loss(pred, batch["actions"])
