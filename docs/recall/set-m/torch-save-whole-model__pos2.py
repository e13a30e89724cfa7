from pathlib import Path

import torch
import torch.nn.functional as F


class PolicyTrainer:
    def __init__(self, policy, env_buffer, lr=3e-4, save_dir="checkpoints"):
        self.policy = policy
        self.buffer = env_buffer
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=lr)
        self.save_dir = Path(save_dir)
        self.save_dir.mkdir(parents=True, exist_ok=True)
        self.updates = 0

    def update(self, batch):
        obs, actions, returns = batch
        logits = self.policy(obs)
        logp = F.log_softmax(logits, dim=-1).gather(1, actions.unsqueeze(1)).squeeze(1)
        loss = -(logp * returns).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.updates += 1
        return loss.item()

    def snapshot(self, tag):
        with open(self.save_dir / f"policy_{tag}.pt", "wb") as fh:
            torch.save(self.policy, fh)

    def run(self, n_updates, batch_size=256, snapshot_every=1000):
        self.policy.train()
        while self.updates < n_updates:
            stats = self.update(self.buffer.sample(batch_size))
            if self.updates % snapshot_every == 0:
                print(f"update {self.updates}: loss {stats:.3f}")
                self.snapshot(self.updates)
