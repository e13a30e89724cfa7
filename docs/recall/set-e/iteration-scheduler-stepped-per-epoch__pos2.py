from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


@dataclass
class TrainConfig:
    epochs: int = 100
    lr: float = 3e-4
    min_lr: float = 1e-6
    weight_decay: float = 0.05
    log_every: int = 20


class Trainer:
    def __init__(self, policy, loader, cfg: TrainConfig):
        self.policy = policy
        self.loader = loader
        self.cfg = cfg
        self.optim = torch.optim.AdamW(policy.parameters(), lr=cfg.lr,
                                       weight_decay=cfg.weight_decay)
        self.iters_per_epoch = len(loader)
        self.total_iters = cfg.epochs * self.iters_per_epoch
        self.lr_sched = CosineAnnealingLR(self.optim, T_max=self.total_iters,
                                          eta_min=cfg.min_lr)

    def _run_epoch(self, epoch):
        self.policy.train()
        for it, batch in enumerate(self.loader):
            obs = batch["obs"].cuda()
            act = batch["action"].cuda()
            loss = self.policy.bc_loss(obs, act)
            self.optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.policy.parameters(), 1.0)
            self.optim.step()
            if it % self.cfg.log_every == 0:
                print(f"ep {epoch} it {it}/{self.iters_per_epoch} "
                      f"loss {loss.item():.4f}")

    def train(self):
        for epoch in range(self.cfg.epochs):
            self._run_epoch(epoch)
            self.lr_sched.step()
            torch.save({"policy": self.policy.state_dict(),
                        "optim": self.optim.state_dict(),
                        "lr_sched": self.lr_sched.state_dict()},
                       f"policy_ep{epoch}.pt")
