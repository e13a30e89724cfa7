import os
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class TrainConfig:
    max_steps: int = 100_000
    warmup_steps: int = 2_000
    lr: float = 3e-4
    ckpt_every: int = 5_000
    ckpt_dir: str = "runs/lm"


class LMTrainer:
    def __init__(self, net, data_iter, cfg: TrainConfig):
        self.net = net
        self.data_iter = data_iter
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, betas=(0.9, 0.95), weight_decay=0.1)
        ramp = max(1, cfg.warmup_steps)
        self.sched = LambdaLR(self.opt, lambda s: min(1.0, (s + 1) / ramp))
        self.step = 0

    def _checkpoint(self):
        os.makedirs(self.cfg.ckpt_dir, exist_ok=True)
        path = os.path.join(self.cfg.ckpt_dir, f"step_{self.step:07d}.pt")
        torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(), "step": self.step}, path)

    def fit(self):
        self.net.train()
        while self.step < self.cfg.max_steps:
            tokens, labels = next(self.data_iter)
            self.opt.zero_grad(set_to_none=True)
            loss = self.net(tokens.cuda(), labels=labels.cuda()).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
            self.opt.step()
            self.sched.step()
            self.step += 1
            if self.step % self.cfg.ckpt_every == 0:
                self._checkpoint()
