import math

import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup


def train(model, dataset, collator, epochs=3, lr=5e-5, micro_bs=8, grad_accum=8,
          warmup_steps=200):
    loader = DataLoader(dataset, batch_size=micro_bs, shuffle=True, collate_fn=collator)
    updates_per_epoch = math.ceil(len(loader) / grad_accum)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    scheduler = get_cosine_schedule_with_warmup(optimizer, warmup_steps,
                                                updates_per_epoch * epochs)
    model.cuda().train()
    optimizer.zero_grad()
    global_step = 0
    for epoch in range(epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss / grad_accum
            loss.backward()
            if (i + 1) % grad_accum == 0 or (i + 1) == len(loader):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
                global_step += 1
                if global_step % 50 == 0:
                    print(f"ep {epoch} update {global_step} lr {scheduler.get_last_lr()[0]:.2e}")
    return model
