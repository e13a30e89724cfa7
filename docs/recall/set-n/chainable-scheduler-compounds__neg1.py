import torch
from torch.optim.lr_scheduler import LambdaLR


class WarmupLambdaLR(LambdaLR):
    """LambdaLR with an additional linear warm-up over the first ``warm`` steps."""

    def __init__(self, optimizer, lr_lambda, warm=1000, last_epoch=-1):
        self.warm = max(1, warm)
        super().__init__(optimizer, lr_lambda, last_epoch)

    def get_lr(self):
        ramp = min(1.0, (self.last_epoch + 1) / self.warm)
        return [lr * ramp for lr in super().get_lr()]


def build(model, total_steps, lr=1e-4):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    decay = lambda step: max(0.0, 1.0 - step / max(1, total_steps))
    sched = WarmupLambdaLR(opt, decay, warm=total_steps // 20)
    return opt, sched


def train(model, loader, epochs):
    opt, sched = build(model, epochs * len(loader))
    model.train()
    for _ in range(epochs):
        for batch in loader:
            loss = model(**batch).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
