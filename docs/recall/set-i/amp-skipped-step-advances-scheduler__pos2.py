import math

import torch
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import LambdaLR


class LMTrainer:
    def __init__(self, net, batches, args):
        self.net = net.cuda()
        self.batches = batches
        self.args = args
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.lr, betas=(0.9, 0.95))
        self.grad_scaler = GradScaler(enabled=args.fp16)
        warm = max(1, args.n_warm)
        total = max(warm + 1, args.max_steps)
        self.lr_scheduler = LambdaLR(
            self.opt,
            lambda s: (s + 1) / warm if s < warm
            else 0.5 * (1 + math.cos(math.pi * min(1.0, (s - warm) / (total - warm)))),
        )
        self.global_step = 0

    def _optimizer_step(self):
        self.grad_scaler.step(self.opt)
        self.grad_scaler.update()
        self.lr_scheduler.step()
        self.opt.zero_grad(set_to_none=True)

    def train(self):
        self.net.train()
        while self.global_step < self.args.max_steps:
            input_ids, targets = next(self.batches)
            with autocast(enabled=self.args.fp16):
                logits = self.net(input_ids.cuda())
                loss = torch.nn.functional.cross_entropy(
                    logits.view(-1, logits.size(-1)), targets.cuda().view(-1)
                )
            self.grad_scaler.scale(loss).backward()
            self._optimizer_step()
            self.global_step += 1
            if self.global_step % self.args.log_interval == 0:
                print(f"step {self.global_step} loss {loss.item():.3f}")
