import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForTokenClassification, get_cosine_schedule_with_warmup

from ner_data import load_conll


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="roberta-base")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--warmup_epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--batch_size", type=int, default=16)
    args = ap.parse_args()

    train_ds, label_list = load_conll("train", args.model)
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True,
                        collate_fn=train_ds.collate)
    tagger = AutoModelForTokenClassification.from_pretrained(
        args.model, num_labels=len(label_list)).cuda()
    opt = torch.optim.AdamW(tagger.parameters(), lr=args.lr, weight_decay=0.01)
    lr_sched = get_cosine_schedule_with_warmup(
        opt,
        num_warmup_steps=args.warmup_epochs,
        num_training_steps=args.epochs * len(loader),
    )

    for epoch in range(args.epochs):
        tagger.train()
        for step, batch in enumerate(loader):
            out = tagger(**{k: v.cuda() for k, v in batch.items()})
            opt.zero_grad()
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), 1.0)
            opt.step()
            lr_sched.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f}")
        tagger.save_pretrained(f"runs/ner/epoch{epoch}")


if __name__ == "__main__":
    main()
