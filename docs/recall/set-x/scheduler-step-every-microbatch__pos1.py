import math

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup


def train(args, train_ds):
    model = AutoModelForSequenceClassification.from_pretrained(
        args.model_name, num_labels=args.num_labels).cuda()
    loader = DataLoader(train_ds, batch_size=args.micro_bs, shuffle=True,
                        collate_fn=train_ds.collate, num_workers=2)
    accum = args.grad_accum_steps
    updates_per_epoch = math.ceil(len(loader) / accum)
    total_updates = updates_per_epoch * args.epochs
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total_updates), total_updates)

    model.train()
    opt.zero_grad()
    for epoch in range(args.epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss / accum
            loss.backward()
            if (i + 1) % accum == 0 or (i + 1) == len(loader):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
            sched.step()
            if i % 100 == 0:
                print(f"epoch {epoch} micro-batch {i} loss {loss.item() * accum:.4f}")
        model.save_pretrained(f"{args.out_dir}/epoch_{epoch}")
    return model
