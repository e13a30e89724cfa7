import math

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup


def finetune(args, train_dataset, collate_fn):
    device = torch.device("cuda")
    model = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=args.num_labels)
    model.to(device)
    train_dataloader = DataLoader(train_dataset, batch_size=args.train_batch_size,
                                  shuffle=True, collate_fn=collate_fn)
    t_total = len(train_dataloader) * args.num_train_epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, eps=1e-8)
    lr_scheduler = get_linear_schedule_with_warmup(
        optimizer, num_warmup_steps=math.ceil(args.warmup_ratio * t_total), num_training_steps=t_total
    )
    grad_scaler = torch.amp.GradScaler("cuda")

    global_step = 0
    model.train()
    for epoch in range(args.num_train_epochs):
        for step, batch in enumerate(train_dataloader):
            batch = {k: v.to(device) for k, v in batch.items()}
            with torch.autocast("cuda", dtype=torch.float16):
                outputs = model(**batch)
            grad_scaler.scale(outputs.loss).backward()
            grad_scaler.step(optimizer)
            grad_scaler.update()
            lr_scheduler.step()
            optimizer.zero_grad()
            global_step += 1
            if global_step % args.logging_steps == 0:
                print(f"step {global_step}: loss={outputs.loss.item():.4f}")
    return model
