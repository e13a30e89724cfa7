import math

import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def warmup_then_linear(warmup, total):
    def fn(step):
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))
    return fn


def finetune(model, train_ds, epochs=3, lr=3e-5, bs=16, grad_accum=2):
    loader = DataLoader(train_ds, batch_size=bs, shuffle=True,
                        collate_fn=train_ds.collate)
    n_updates = epochs * math.ceil(len(loader) / grad_accum)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    lr_sched = LambdaLR(opt, warmup_then_linear(n_updates // 10, n_updates))
    model.cuda().train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss / grad_accum
            loss.backward()
            is_boundary = (step + 1) % grad_accum == 0 or step + 1 == len(loader)
            if is_boundary:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                lr_sched.step()
                opt.zero_grad()
        print(f"epoch {epoch} done, lr {lr_sched.get_last_lr()[0]:.2e}")
    return model
