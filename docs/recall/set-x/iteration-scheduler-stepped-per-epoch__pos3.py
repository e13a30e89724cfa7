import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from transformers import get_cosine_schedule_with_warmup

from glue_data import load_glue_split


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="bert-base-uncased")
    ap.add_argument("--task", default="mrpc")
    ap.add_argument("--n_epochs", type=int, default=5)
    ap.add_argument("--bsz", type=int, default=32)
    ap.add_argument("--peak_lr", type=float, default=2e-5)
    ap.add_argument("--warmup_ratio", type=float, default=0.1)
    args = ap.parse_args()

    tok = AutoTokenizer.from_pretrained(args.model)
    train_ds = load_glue_split(args.task, "train", tok)
    dl = DataLoader(train_ds, batch_size=args.bsz, shuffle=True, collate_fn=train_ds.collate)
    clf = AutoModelForSequenceClassification.from_pretrained(args.model, num_labels=2).cuda()

    opt = torch.optim.AdamW(clf.parameters(), lr=args.peak_lr, weight_decay=0.01)
    num_training_steps = args.n_epochs * len(dl)
    lr_sched = get_cosine_schedule_with_warmup(
        opt,
        num_warmup_steps=int(args.warmup_ratio * num_training_steps),
        num_training_steps=num_training_steps,
    )

    for epoch in range(args.n_epochs):
        clf.train()
        for step, batch in enumerate(dl):
            batch = {k: v.cuda() for k, v in batch.items()}
            out = clf(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(clf.parameters(), 1.0)
            opt.step()
            opt.zero_grad()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f}")
        lr_sched.step()
        clf.save_pretrained(f"out/{args.task}/epoch{epoch}")


if __name__ == "__main__":
    main()
