import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForTokenClassification, get_cosine_schedule_with_warmup

from data import NERDataset, collate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name", default="roberta-base")
    parser.add_argument("--num_train_epochs", type=int, default=10)
    parser.add_argument("--warmup_epochs", type=int, default=1)
    parser.add_argument("--learning_rate", type=float, default=3e-5)
    parser.add_argument("--train_batch_size", type=int, default=32)
    args = parser.parse_args()

    train_ds = NERDataset("train", args.model_name)
    loader = DataLoader(train_ds, batch_size=args.train_batch_size, shuffle=True, collate_fn=collate)
    model = AutoModelForTokenClassification.from_pretrained(args.model_name, num_labels=train_ds.num_labels).cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01)

    num_training_steps = args.num_train_epochs * len(loader)
    scheduler = get_cosine_schedule_with_warmup(
        optimizer,
        num_warmup_steps=args.warmup_epochs,
        num_training_steps=num_training_steps,
    )

    model.train()
    for epoch in range(args.num_train_epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step}/{len(loader)} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
