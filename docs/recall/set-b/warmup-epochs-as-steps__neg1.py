import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_cosine_schedule_with_warmup

from data import load_glue_split


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="roberta-base")
    ap.add_argument("--task", default="mnli")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--warmup_epochs", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--batch_size", type=int, default=32)
    args = ap.parse_args()

    train_ds = load_glue_split(args.task, "train", args.model)
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True)
    model = AutoModelForSequenceClassification.from_pretrained(args.model, num_labels=3).cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = len(loader)
    scheduler = get_cosine_schedule_with_warmup(
        optimizer,
        num_warmup_steps=int(args.warmup_epochs * steps_per_epoch),
        num_training_steps=args.epochs * steps_per_epoch,
    )

    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            if step % 500 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
        model.save_pretrained(f"out/{args.task}/epoch{epoch}")


if __name__ == "__main__":
    main()
