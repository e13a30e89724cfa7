import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

from data import load_glue_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name", default="roberta-large")
    parser.add_argument("--task", default="mnli")
    parser.add_argument("--num_train_epochs", type=int, default=10)
    parser.add_argument("--warmup_epochs", type=int, default=1)
    parser.add_argument("--learning_rate", type=float, default=1e-5)
    parser.add_argument("--batch_size", type=int, default=32)
    args = parser.parse_args()

    model = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=3).cuda()
    train_dl = DataLoader(load_glue_split(args.task, "train"), batch_size=args.batch_size, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.1)
    total_steps = len(train_dl) * args.num_train_epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=args.warmup_epochs, num_training_steps=total_steps)

    global_step = 0
    for epoch in range(args.num_train_epochs):
        model.train()
        for batch in train_dl:
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            global_step += 1
            if global_step % 200 == 0:
                print(f"step {global_step} loss {loss.item():.4f} lr {scheduler.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
