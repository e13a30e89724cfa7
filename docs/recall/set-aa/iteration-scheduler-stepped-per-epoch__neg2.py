import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def make_schedule(optimizer, warmup_steps, total_steps):
    def lr_lambda(step):
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))

    return LambdaLR(optimizer, lr_lambda)


class LMTrainer:
    def __init__(self, lm, train_loader, epochs, lr=6e-4, warmup_steps=500):
        self.lm = lm.cuda()
        self.train_loader = train_loader
        self.epochs = epochs
        self.opt = torch.optim.AdamW(lm.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.1)
        total_steps = epochs * len(train_loader)
        self.sched = make_schedule(self.opt, warmup_steps, total_steps)

    def _update(self, tokens):
        tokens = tokens.cuda(non_blocking=True)
        _, loss = self.lm(tokens[:, :-1], targets=tokens[:, 1:])
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.lm.parameters(), 1.0)
        self.opt.step()
        self.sched.step()
        return loss.item()

    def train(self):
        for epoch in range(self.epochs):
            self.lm.train()
            for i, tokens in enumerate(self.train_loader):
                loss = self._update(tokens)
                if i % 200 == 0:
                    print(f"epoch {epoch} iter {i} loss {loss:.3f} lr {self.sched.get_last_lr()[0]:.2e}")
            torch.save({"lm": self.lm.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.sched.state_dict()}, "lm_ckpt.pt")
