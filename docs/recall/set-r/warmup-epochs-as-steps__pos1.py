import argparse

import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--warmup_epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch_size", type=int, default=64)
    return ap.parse_args()


def train(model, train_set, collate):
    args = get_args()
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        collate_fn=collate, num_workers=4)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    num_training_steps = args.epochs * len(loader)
    sched = get_cosine_schedule_with_warmup(
        opt,
        num_warmup_steps=args.warmup_epochs,
        num_training_steps=num_training_steps,
    )

    model.cuda().train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            pixel_values = batch["pixel_values"].cuda()
            input_ids = batch["input_ids"].cuda()
            out = model(pixel_values=pixel_values, input_ids=input_ids, return_loss=True)
            opt.zero_grad()
            out.loss.backward()
            opt.step()
            sched.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f} "
                      f"lr {sched.get_last_lr()[0]:.2e}")
    return model
