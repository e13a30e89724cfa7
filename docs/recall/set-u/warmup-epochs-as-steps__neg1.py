import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForImageClassification, get_cosine_schedule_with_warmup

from data import build_dataset


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="google/vit-base-patch16-224-in21k")
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--warmup-epochs", type=int, default=5)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--batch-size", type=int, default=128)
    return p.parse_args()


def main():
    args = parse_args()
    train_ds = build_dataset("train")
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=10, drop_last=True)
    model = AutoModelForImageClassification.from_pretrained(args.model, num_labels=100).cuda()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    steps_per_epoch = len(loader)
    total_steps = args.epochs * steps_per_epoch
    warmup_steps = args.warmup_epochs * steps_per_epoch
    sched = get_cosine_schedule_with_warmup(opt, num_warmup_steps=warmup_steps, num_training_steps=total_steps)

    for epoch in range(args.epochs):
        model.train()
        for step, (pixels, labels) in enumerate(loader):
            out = model(pixel_values=pixels.cuda(), labels=labels.cuda())
            opt.zero_grad(set_to_none=True)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
