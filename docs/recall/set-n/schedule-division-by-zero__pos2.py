import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def get_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--warmup-steps", type=int, default=0,
                        help="linear warm-up steps (0 disables warm-up)")
    return parser.parse_args()


def linear_schedule(warmup_steps, total_steps):
    def lr_lambda(step):
        ramp = min(1.0, (step + 1) / warmup_steps)
        decay = max(0.0, (total_steps - step) / total_steps)
        return ramp * decay

    return lr_lambda


def main(model, train_ds):
    args = get_args()
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    total_steps = args.epochs * len(loader)
    scheduler = LambdaLR(optimizer, linear_schedule(args.warmup_steps, total_steps))

    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            out = model(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            if step % 100 == 0:
                print(epoch, step, out.loss.item(), scheduler.get_last_lr()[0])
