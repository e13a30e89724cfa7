import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class LMTrainer:
    def __init__(self, lm, loader, hp):
        self.lm = lm
        self.loader = loader
        self.hp = hp
        self.grad_accum = hp["grad_accum"]
        self.opt = torch.optim.AdamW(lm.parameters(), lr=hp["lr"], betas=(0.9, 0.95))
        self.total_updates = hp["epochs"] * math.ceil(len(loader) / self.grad_accum)
        self.sched = LambdaLR(self.opt, self._lr_factor)

    def _lr_factor(self, update):
        ramp = self.hp["ramp"]
        if update < ramp:
            return (update + 1) / ramp
        progress = min(1.0, (update - ramp) / max(1, self.total_updates - ramp))
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def _maybe_update(self, micro_idx):
        last = micro_idx + 1 == len(self.loader)
        if (micro_idx + 1) % self.grad_accum == 0 or last:
            torch.nn.utils.clip_grad_norm_(self.lm.parameters(), self.hp["clip"])
            self.opt.step()
            self.opt.zero_grad(set_to_none=True)

    def train_epoch(self, epoch):
        self.lm.train()
        running = 0.0
        for micro_idx, (tokens, targets) in enumerate(self.loader):
            logits = self.lm(tokens.cuda())
            loss = torch.nn.functional.cross_entropy(
                logits.view(-1, logits.size(-1)), targets.cuda().view(-1))
            (loss / self.grad_accum).backward()
            self._maybe_update(micro_idx)
            self.sched.step()
            running += loss.item()
        return running / len(self.loader)

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            print(f"epoch {epoch}: loss {self.train_epoch(epoch):.4f}")
