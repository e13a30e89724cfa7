import torch
from torch.utils.data import DataLoader
from transformers import get_linear_schedule_with_warmup


class Config:
    epochs = 5
    warmup_epochs = 1
    lr = 3e-5
    batch_size = 16


def train(model, train_ds, cfg=Config):
    loader = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True, num_workers=2)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    steps_per_epoch = len(loader)
    warmup_steps = cfg.warmup_epochs * steps_per_epoch
    scheduler = get_linear_schedule_with_warmup(
        optimizer,
        num_warmup_steps=warmup_steps,
        num_training_steps=cfg.epochs * steps_per_epoch,
    )
    model.cuda()
    for epoch in range(cfg.epochs):
        model.train()
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    return model
