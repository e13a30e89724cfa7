from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class Cfg:
    lr: float = 1e-4
    epochs: int = 30
    grad_accum: int = 8
    device: str = "cuda"


class Trainer:
    def __init__(self, net: nn.Module, loader, cfg: Cfg):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.loader = loader
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.loss_fn = nn.SmoothL1Loss()
        self.micro_step = 0

    def _backward(self, batch):
        x, y = (t.to(self.cfg.device) for t in batch)
        loss = self.loss_fn(self.net(x), y)
        loss.backward()
        return loss.item()

    def _maybe_step(self):
        self.micro_step += 1
        if self.micro_step % self.cfg.grad_accum == 0:
            self.opt.step()
            self.opt.zero_grad(set_to_none=True)

    def fit(self):
        self.opt.zero_grad(set_to_none=True)
        for epoch in range(self.cfg.epochs):
            self.net.train()
            losses = []
            for batch in self.loader:
                losses.append(self._backward(batch))
                self._maybe_step()
            print(f"epoch {epoch}: {sum(losses) / len(losses):.4f}")
