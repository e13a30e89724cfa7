import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

from data import load_glue_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name", default="deberta-v3-base")
    parser.add_argument("--num_train_epochs", type=int, default=5)
    parser.add_argument("--warmup_epochs", type=float, default=0.5)
    parser.add_argument("--learning_rate", type=float, default=2e-5)
    args = parser.parse_args()

    model = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=2).cuda()
    train_dl = DataLoader(load_glue_split("sst2", "train"), batch_size=32, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate)
    steps_per_epoch = len(train_dl)
    total_steps = steps_per_epoch * args.num_train_epochs
    warmup_steps = int(args.warmup_epochs * steps_per_epoch)
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=warmup_steps, num_training_steps=total_steps)

    for epoch in range(args.num_train_epochs):
        model.train()
        for step, batch in enumerate(train_dl):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
        print(f"epoch {epoch}: last loss {loss.item():.4f} lr {scheduler.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
