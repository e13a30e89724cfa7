import math

import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def linear_warmup_decay(warmup, total):
    def fn(step):
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))
    return fn


def finetune(model, train_ds, epochs=3, lr=2e-5, per_device_bs=8, accum=4,
             warmup_ratio=0.06):
    loader = DataLoader(train_ds, batch_size=per_device_bs, shuffle=True,
                        collate_fn=train_ds.collate)
    updates_per_epoch = math.ceil(len(loader) / accum)
    total_updates = epochs * updates_per_epoch
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = LambdaLR(opt, linear_warmup_decay(int(warmup_ratio * total_updates),
                                              total_updates))
    model.cuda().train()
    for epoch in range(epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            out = model(**batch)
            loss = out.loss / accum
            loss.backward()
            if (i + 1) % accum == 0 or (i + 1) == len(loader):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
            sched.step()
            if i % 100 == 0:
                print(f"epoch {epoch} step {i} loss {out.loss.item():.4f} "
                      f"lr {sched.get_last_lr()[0]:.2e}")
    return model
