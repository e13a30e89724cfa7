import torch
import torch.nn as nn


class PolicyTrainer:
    def __init__(self, policy, buffer, lr=3e-4, max_grad_norm=0.5, n_updates=10_000):
        self.policy = policy
        self.buffer = buffer
        self.optim = torch.optim.Adam(policy.parameters(), lr=lr, eps=1e-5)
        self.max_grad_norm = max_grad_norm
        self.n_updates = n_updates

    def _loss(self, batch):
        obs, actions, returns, advantages = batch
        dist, values = self.policy(obs)
        pg_loss = -(dist.log_prob(actions) * advantages).mean()
        v_loss = 0.5 * (returns - values.squeeze(-1)).pow(2).mean()
        return pg_loss + v_loss - 0.01 * dist.entropy().mean()

    def _apply_grads(self):
        nn.utils.clip_grad_norm_(self.policy.parameters(), self.max_grad_norm)
        self.optim.step()

    def run(self):
        self.policy.train()
        updates = 0
        while updates < self.n_updates:
            batch = self.buffer.sample(256)
            loss = self._loss(batch)
            loss.backward()
            self._apply_grads()
            updates += 1
            if updates % 500 == 0:
                print(f"update {updates}: loss={loss.item():.4f}")
