import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


class Trainer:
    def __init__(self, policy, loader, lr=3e-4, max_norm=0.5, device="cuda"):
        self.policy = policy.to(device)
        self.loader = loader
        self.device = device
        self.max_norm = max_norm
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=lr, eps=1e-5)
        self.sched = StepLR(self.opt, step_size=10, gamma=0.9)
        self.ce = nn.CrossEntropyLoss()

    def update(self, obs, actions):
        obs = obs.to(self.device)
        actions = actions.to(self.device)
        logits = self.policy(obs)
        loss = self.ce(logits, actions)
        loss.backward()
        self.opt.zero_grad()
        nn.utils.clip_grad_norm_(self.policy.parameters(), self.max_norm)
        self.opt.step()
        return loss.item()

    def train(self, epochs):
        for ep in range(epochs):
            self.policy.train()
            total, n = 0.0, 0
            for obs, actions in self.loader:
                total += self.update(obs, actions)
                n += 1
            self.sched.step()
            print(f"[bc] epoch {ep} loss {total / max(n, 1):.4f}")
