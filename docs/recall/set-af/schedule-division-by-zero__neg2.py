import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_with_warmup(optimizer, num_warmup_steps, num_training_steps, min_ratio=0.0):
    """Linear warm-up followed by cosine decay; safe for num_warmup_steps == 0
    and for num_warmup_steps == num_training_steps."""

    def lr_lambda(current_step):
        if current_step < num_warmup_steps:
            return (current_step + 1) / num_warmup_steps
        span = max(1, num_training_steps - num_warmup_steps)
        progress = min(1.0, (current_step - num_warmup_steps) / span)
        return min_ratio + (1.0 - min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress))

    return LambdaLR(optimizer, lr_lambda)


def train(model, loader, epochs, lr=1e-4, warmup_ratio=0.0):
    total = epochs * len(loader)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = cosine_with_warmup(opt, int(warmup_ratio * total), total)
    for epoch in range(epochs):
        model.train()
        for batch in loader:
            loss = model(**batch).loss
            loss.backward()
            opt.step()
            sched.step()
            opt.zero_grad()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.3e}")
    return model
