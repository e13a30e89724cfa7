import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForTokenClassification, get_cosine_schedule_with_warmup

from ner_data import load_conll, collate


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="bert-base-cased")
    parser.add_argument("--num-train-epochs", type=int, default=10)
    parser.add_argument("--warmup-epochs", type=int, default=1)
    parser.add_argument("--learning-rate", type=float, default=5e-5)
    parser.add_argument("--per-device-batch-size", type=int, default=16)
    return parser.parse_args()


def main():
    args = parse_args()
    train_ds, label_list = load_conll("train")
    train_dl = DataLoader(train_ds, batch_size=args.per_device_batch_size,
                          shuffle=True, collate_fn=collate)
    tagger = AutoModelForTokenClassification.from_pretrained(args.model, num_labels=len(label_list)).cuda()
    optimizer = torch.optim.AdamW(tagger.parameters(), lr=args.learning_rate, weight_decay=0.01)

    max_train_steps = args.num_train_epochs * len(train_dl)
    lr_scheduler = get_cosine_schedule_with_warmup(
        optimizer,
        num_warmup_steps=args.warmup_epochs,
        num_training_steps=max_train_steps,
    )

    completed = 0
    for epoch in range(args.num_train_epochs):
        tagger.train()
        for batch in train_dl:
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = tagger(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), 1.0)
            optimizer.step()
            lr_scheduler.step()
            optimizer.zero_grad()
            completed += 1
            if completed % 100 == 0:
                print(f"step {completed}/{max_train_steps} loss {loss.item():.4f} "
                      f"lr {lr_scheduler.get_last_lr()[0]:.2e}")
    tagger.save_pretrained("ner-out")


if __name__ == "__main__":
    main()
