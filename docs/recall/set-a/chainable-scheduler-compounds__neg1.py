import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class WarmupLambdaLR(LambdaLR):
    """LambdaLR with an extra linear warm-up over the first warmup_steps steps."""

    def __init__(self, optimizer, lr_lambda, warmup_steps, last_epoch=-1):
        self.warmup_steps = max(1, warmup_steps)
        super().__init__(optimizer, lr_lambda, last_epoch)

    def get_lr(self):
        lrs = super().get_lr()
        w = min(1.0, (self.last_epoch + 1) / self.warmup_steps)
        return [lr * w for lr in lrs]


def train(net, loader, args, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
    total = max(1, args.epochs * len(loader))
    cosine = lambda s: 0.5 * (1.0 + math.cos(math.pi * min(s, total) / total))  # noqa: E731
    sched = WarmupLambdaLR(opt, cosine, warmup_steps=args.warm_steps)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x.to(device)), y.to(device))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.2e}")
