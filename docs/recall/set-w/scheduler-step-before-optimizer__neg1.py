import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model: nn.Module, loader, total_steps: int, lr: float = 3e-4):
        self.model = model
        self.loader = loader
        self.opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
        self.lr_scheduler = CosineAnnealingLR(self.opt, T_max=total_steps, eta_min=lr * 0.01)
        self.total_steps = total_steps
        self.global_step = 0

    def _advance_schedule(self):
        self.lr_scheduler.step()
        self.global_step += 1

    def training_step(self, batch):
        self.opt.zero_grad(set_to_none=True)
        out = self.model(**batch)
        loss = out["loss"]
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.opt.step()
        self._advance_schedule()
        return loss.detach()

    def fit(self):
        self.model.train()
        while self.global_step < self.total_steps:
            for batch in self.loader:
                loss = self.training_step(batch)
                if self.global_step % 50 == 0:
                    lr = self.lr_scheduler.get_last_lr()[0]
                    print(f"step {self.global_step} loss {loss.item():.4f} lr {lr:.2e}")
                if self.global_step >= self.total_steps:
                    break
