import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup


def finetune(train_dataset, collate_fn, n_epochs=4, lr=2e-5, batch_size=32, warmup_ratio=0.1):
    device = torch.device("cuda")
    model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
    model.to(device)

    dl = DataLoader(train_dataset, batch_size=batch_size, shuffle=True, collate_fn=collate_fn)
    no_decay = ("bias", "LayerNorm.weight")
    grouped = [
        {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
         "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],
         "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(grouped, lr=lr)
    num_training_steps = len(dl) * n_epochs
    num_warmup = int(warmup_ratio * num_training_steps)
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup, num_training_steps)

    for epoch in range(n_epochs):
        model.train()
        tr_loss = 0.0
        for step, batch in enumerate(dl):
            batch = {k: v.to(device) for k, v in batch.items()}
            outputs = model(**batch)
            loss = outputs.loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad()
            tr_loss += loss.item()
        scheduler.step()
        print(f"Epoch {epoch + 1}: avg train loss {tr_loss / len(dl):.4f}")
    return model
