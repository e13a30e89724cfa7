import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

from data import load_glue_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="bert-base-uncased")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--per-device-bs", type=int, default=8)
    parser.add_argument("--accum", type=int, default=4)
    parser.add_argument("--warmup-ratio", type=float, default=0.06)
    args = parser.parse_args()

    train_ds = load_glue_split("sst2", "train", args.model)
    loader = DataLoader(train_ds, batch_size=args.per_device_bs, shuffle=True)

    model = AutoModelForSequenceClassification.from_pretrained(args.model, num_labels=2).cuda()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    updates = (len(loader) // args.accum) * args.epochs
    lr_sched = get_linear_schedule_with_warmup(
        opt, num_warmup_steps=int(args.warmup_ratio * updates), num_training_steps=updates
    )

    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch).loss / args.accum
            loss.backward()
            if (step + 1) % args.accum == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
            lr_sched.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item() * args.accum:.4f}")


if __name__ == "__main__":
    main()
