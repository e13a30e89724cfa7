import math

import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

hp = {"epochs": 10, "warmup_epochs": 1, "lr": 2e-4, "micro_bs": 4, "accum": 16}


def cosine_with_warmup(warmup, total):
    def f(step):
        if step < warmup:
            return (step + 1) / warmup
        t = min(1.0, (step - warmup) / max(1, total - warmup))
        return 0.5 * (1 + math.cos(math.pi * t))
    return f


def finetune(llm, dataset):
    loader = DataLoader(dataset, batch_size=hp["micro_bs"], shuffle=True,
                        collate_fn=dataset.collate)
    updates_per_epoch = len(loader) // hp["accum"]
    total_updates = hp["epochs"] * updates_per_epoch
    warmup_steps = hp["warmup_epochs"] * len(loader)
    opt = torch.optim.AdamW(llm.parameters(), lr=hp["lr"], weight_decay=0.0)
    sched = LambdaLR(opt, cosine_with_warmup(warmup_steps, total_updates))

    llm.cuda().train()
    for epoch in range(hp["epochs"]):
        opt.zero_grad()
        for micro, batch in enumerate(loader, start=1):
            ids = batch["input_ids"].cuda()
            loss = llm(ids, labels=ids).loss / hp["accum"]
            loss.backward()
            if micro % hp["accum"] == 0:
                torch.nn.utils.clip_grad_norm_(llm.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.2e}")
    return llm
