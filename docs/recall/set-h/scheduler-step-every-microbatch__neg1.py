import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, get_cosine_schedule_with_warmup


def finetune(model_name, train_ds, epochs=2, lr=1e-5, bs=4, accumulation_steps=8, warmup_updates=100):
    model = AutoModelForCausalLM.from_pretrained(model_name).cuda()
    loader = DataLoader(train_ds, batch_size=bs, shuffle=True, drop_last=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    num_updates = epochs * (len(loader) // accumulation_steps)
    scheduler = get_cosine_schedule_with_warmup(optimizer, warmup_updates, num_updates)

    model.train()
    optimizer.zero_grad()
    for epoch in range(epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            out = model(**batch, labels=batch["input_ids"])
            (out.loss / accumulation_steps).backward()
            if (i + 1) % accumulation_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
        print(f"epoch {epoch} last loss {out.loss.item():.4f} lr {scheduler.get_last_lr()[0]:.2e}")
    return model
