import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_with_warmup(num_warmup_steps: int, num_training_steps: int, min_ratio: float = 0.0):
    if num_training_steps <= 0:
        raise ValueError(f"num_training_steps must be positive, got {num_training_steps}")

    def lr_lambda(step: int) -> float:
        if num_warmup_steps > 0 and step < num_warmup_steps:
            return (step + 1) / num_warmup_steps
        decay_steps = max(1, num_training_steps - num_warmup_steps)
        progress = min(1.0, (step - num_warmup_steps) / decay_steps)
        return min_ratio + (1.0 - min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress))

    return lr_lambda


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
        total = args.epochs * len(loader)
        self.sched = LambdaLR(self.opt, cosine_with_warmup(args.warmup_steps, total, args.min_ratio))

    def train(self):
        for epoch in range(self.args.epochs):
            self.net.train()
            for step, batch in enumerate(self.loader):
                loss = self.net(**batch).loss
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
