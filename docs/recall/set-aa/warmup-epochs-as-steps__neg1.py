import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup


def train_classifier(model, train_ds, args):
    train_dl = DataLoader(train_ds, batch_size=args.train_batch_size, shuffle=True)
    model.cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01)

    steps_per_epoch = len(train_dl)
    lr_scheduler = get_cosine_schedule_with_warmup(
        optimizer,
        num_warmup_steps=args.warmup_epochs * steps_per_epoch,
        num_training_steps=args.num_epochs * steps_per_epoch,
    )

    for epoch in range(args.num_epochs):
        model.train()
        for step, batch in enumerate(train_dl):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            lr_scheduler.step()
            optimizer.zero_grad()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "lr_scheduler": lr_scheduler.state_dict()}, "ckpt.pt")
