import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup


def train(model, train_set, collate, epochs=20, warmup_epochs=2, lr=1e-4, batch_size=64):
    loader = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                        collate_fn=collate, num_workers=4)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    steps_per_epoch = len(loader)
    sched = get_cosine_schedule_with_warmup(
        opt,
        num_warmup_steps=warmup_epochs * steps_per_epoch,
        num_training_steps=epochs * steps_per_epoch,
    )

    model.cuda().train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            out = model(pixel_values=batch["pixel_values"].cuda(),
                        input_ids=batch["input_ids"].cuda(), return_loss=True)
            opt.zero_grad()
            out.loss.backward()
            opt.step()
            sched.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f}")
    return model
