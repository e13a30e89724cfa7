import math

import torch
from transformers import Trainer, TrainingArguments, get_cosine_schedule_with_warmup


def build_trainer(model, train_ds, eval_ds, collator, out_dir="ckpt", epochs=3, bs=16, lr=3e-5):
    args = TrainingArguments(
        output_dir=out_dir,
        per_device_train_batch_size=bs,
        num_train_epochs=epochs,
        logging_steps=50,
        save_strategy="epoch",
    )
    steps = epochs * math.ceil(len(train_ds) / bs)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    lr_sched = get_cosine_schedule_with_warmup(opt, num_warmup_steps=int(0.1 * steps), num_training_steps=steps)
    # the Trainer calls lr_sched.step() after each optimizer step
    return Trainer(
        model=model,
        args=args,
        train_dataset=train_ds,
        eval_dataset=eval_ds,
        data_collator=collator,
        optimizers=(opt, lr_sched),
    )
