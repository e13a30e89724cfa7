import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR


class LMTrainer:
    def __init__(self, net, loader, lr=6e-4, accum_steps=4, warm=500, total_updates=20000):
        self.net = net
        self.loader = loader
        self.accum_steps = accum_steps
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr, betas=(0.9, 0.95))
        w = max(1, warm)
        self.lr_sched = LambdaLR(self.opt, lambda s: min(1.0, (s + 1) / w))
        self.total_updates = total_updates
        self.micro = 0
        self.updates = 0
        self.loss_fn = nn.CrossEntropyLoss()

    def _optimizer_step(self):
        nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)
        self.updates += 1

    def train(self):
        self.net.train()
        self.opt.zero_grad(set_to_none=True)
        while self.updates < self.total_updates:
            for tokens in self.loader:
                tokens = tokens.cuda()
                logits = self.net(tokens[:, :-1])
                loss = self.loss_fn(logits.reshape(-1, logits.size(-1)),
                                    tokens[:, 1:].reshape(-1))
                (loss / self.accum_steps).backward()
                self.micro += 1
                if self.micro % self.accum_steps == 0:
                    self._optimizer_step()
                self.lr_sched.step()
                if self.updates >= self.total_updates:
                    break
