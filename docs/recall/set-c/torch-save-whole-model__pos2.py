from pathlib import Path

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class BehaviourCloning:
    def __init__(self, policy, demos, save_path, lr=3e-4, batch_size=256, epochs=50):
        self.policy = policy
        self.save_path = Path(save_path)
        obs, acts = demos
        self.loader = DataLoader(TensorDataset(obs, acts), batch_size=batch_size,
                                 shuffle=True, drop_last=True)
        self.optim = torch.optim.Adam(self.policy.parameters(), lr=lr)
        self.epochs = epochs

    def _update(self, obs, acts):
        self.optim.zero_grad()
        pred = self.policy(obs)
        loss = F.mse_loss(pred, acts)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.policy.parameters(), 10.0)
        self.optim.step()
        return loss.item()

    def train(self):
        self.policy.train()
        for ep in range(self.epochs):
            losses = [self._update(o, a) for o, a in self.loader]
            print(f"epoch {ep}: bc loss {sum(losses) / len(losses):.5f}")
        self.save()

    def save(self):
        self.save_path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(self.policy, self.save_path)
