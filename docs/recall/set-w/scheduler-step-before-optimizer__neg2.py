import math

import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR


def warmup_linear(warm, total):
    def fn(step):
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))
    return fn


def finetune(model: nn.Module, loader, epochs=3, lr=2e-5, accum=4, warm_ratio=0.06):
    updates_per_epoch = math.ceil(len(loader) / accum)
    total = epochs * updates_per_epoch
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = LambdaLR(opt, warmup_linear(max(1, int(warm_ratio * total)), total))
    model.train()
    opt.zero_grad()
    for epoch in range(epochs):
        for i, batch in enumerate(loader):
            loss = model(**batch).loss / accum
            loss.backward()
            if (i + 1) % accum == 0 or i + 1 == len(loader):
                nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.2e}")
    return model
