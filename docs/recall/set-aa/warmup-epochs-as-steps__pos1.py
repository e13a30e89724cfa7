import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_cosine_schedule_with_warmup

from data_utils import ReviewDataset


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model_name", default="roberta-base")
    p.add_argument("--num_epochs", type=int, default=10)
    p.add_argument("--warmup_epochs", type=int, default=1)
    p.add_argument("--learning_rate", type=float, default=2e-5)
    p.add_argument("--train_batch_size", type=int, default=32)
    return p.parse_args()


def main():
    args = parse_args()
    train_ds = ReviewDataset("train", tokenizer_name=args.model_name)
    train_dl = DataLoader(train_ds, batch_size=args.train_batch_size, shuffle=True)
    model = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=2).cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01)

    num_training_steps = args.num_epochs * len(train_dl)
    lr_scheduler = get_cosine_schedule_with_warmup(
        optimizer,
        num_warmup_steps=args.warmup_epochs,
        num_training_steps=num_training_steps,
    )

    global_step = 0
    for epoch in range(args.num_epochs):
        model.train()
        for batch in train_dl:
            batch = {k: v.cuda() for k, v in batch.items()}
            outputs = model(**batch)
            outputs.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            lr_scheduler.step()
            optimizer.zero_grad()
            global_step += 1
            if global_step % 50 == 0:
                print(f"step {global_step} loss {outputs.loss.item():.4f} "
                      f"lr {lr_scheduler.get_last_lr()[0]:.2e}")
        model.save_pretrained(f"ckpt/epoch_{epoch}")


if __name__ == "__main__":
    main()
