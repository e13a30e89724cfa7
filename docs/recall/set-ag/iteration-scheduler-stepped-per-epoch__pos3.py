import argparse

import torch
from torch.utils.data import DataLoader
from transformers import (AutoModelForSequenceClassification, AutoTokenizer,
                          get_linear_schedule_with_warmup)

from glue_data import load_split


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="bert-base-uncased")
    ap.add_argument("--task", default="sst2")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch_size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--warmup_ratio", type=float, default=0.1)
    return ap.parse_args()


def main():
    args = parse()
    tok = AutoTokenizer.from_pretrained(args.model)
    clf = AutoModelForSequenceClassification.from_pretrained(args.model, num_labels=2).cuda()
    train_ds = load_split(args.task, "train", tok)
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True,
                        collate_fn=train_ds.collate)

    num_training_steps = args.epochs * len(loader)
    opt = torch.optim.AdamW(clf.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(
        opt,
        num_warmup_steps=int(args.warmup_ratio * num_training_steps),
        num_training_steps=num_training_steps,
    )

    epoch = 0
    while epoch < args.epochs:
        clf.train()
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            out = clf(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(clf.parameters(), 1.0)
            opt.step()
            opt.zero_grad()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f}")
        sched.step()
        epoch += 1
    clf.save_pretrained("out/final")


if __name__ == "__main__":
    main()
