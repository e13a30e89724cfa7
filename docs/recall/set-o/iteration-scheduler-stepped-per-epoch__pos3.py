import torch
from torch.utils.data import DataLoader, RandomSampler
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

from glue_data import load_task


def finetune(task_name, model_name="bert-base-uncased", n_epochs=3, lr=2e-5,
             batch_size=32, warmup_ratio=0.1):
    device = torch.device("cuda")
    train_ds, num_labels = load_task(task_name, model_name, split="train")
    dl = DataLoader(train_ds, sampler=RandomSampler(train_ds), batch_size=batch_size)

    model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=num_labels)
    model.to(device)
    no_decay = ("bias", "LayerNorm.weight")
    grouped = [
        {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
         "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],
         "weight_decay": 0.0},
    ]
    optim = torch.optim.AdamW(grouped, lr=lr)
    t_total = len(dl) * n_epochs
    lr_schedule = get_linear_schedule_with_warmup(
        optim, num_warmup_steps=int(warmup_ratio * t_total), num_training_steps=t_total
    )

    epoch = 0
    while epoch < n_epochs:
        model.train()
        tr_loss = 0.0
        for step, batch in enumerate(dl):
            batch = {k: v.to(device) for k, v in batch.items()}
            outputs = model(**batch)
            loss = outputs.loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            optim.zero_grad()
            tr_loss += loss.item()
        lr_schedule.step()
        print(f"epoch {epoch}: avg loss {tr_loss / len(dl):.4f}")
        epoch += 1
    return model
