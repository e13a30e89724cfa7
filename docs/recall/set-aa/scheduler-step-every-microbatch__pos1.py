import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from modeling import BertForSequenceClassification
from glue_data import load_task


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--task", default="mnli")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=2e-5)
    p.add_argument("--per-device-batch", type=int, default=8)
    p.add_argument("--accum-steps", type=int, default=4)
    p.add_argument("--warmup-ratio", type=float, default=0.06)
    return p.parse_args()


def main():
    args = parse()
    train_ds = load_task(args.task, split="train")
    loader = DataLoader(train_ds, batch_size=args.per_device_batch, shuffle=True, num_workers=2)
    model = BertForSequenceClassification.from_pretrained("bert-base-uncased").cuda()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)

    num_updates = args.epochs * len(loader) // args.accum_steps
    warm = max(1, int(args.warmup_ratio * num_updates))

    def schedule(step):
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (num_updates - step) / max(1, num_updates - warm))

    sched = LambdaLR(opt, schedule)

    model.train()
    opt.zero_grad()
    for epoch in range(args.epochs):
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            out = model(**batch)
            loss = out.loss / args.accum_steps
            loss.backward()
            if (i + 1) % args.accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
            sched.step()
            if i % 500 == 0:
                print(f"epoch {epoch} step {i} loss {out.loss.item():.4f}")
    model.save_pretrained(f"out/{args.task}")


if __name__ == "__main__":
    main()
