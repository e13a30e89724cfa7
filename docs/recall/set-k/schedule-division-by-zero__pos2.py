import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model_name", default="bert-base-uncased")
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--warmup_steps", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch_size", type=int, default=32)
    return ap.parse_args()


def make_schedule(opt, warmup_steps):
    def ramp(step):
        return min(1.0, (step + 1) / warmup_steps)

    return LambdaLR(opt, lr_lambda=ramp)


def main():
    args = get_args()
    from transformers import AutoModelForSequenceClassification
    from glue_data import load_split

    net = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=2).cuda()
    train_ds = load_split("sst2", "train")
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    sched = make_schedule(opt, args.warmup_steps)

    for epoch in range(args.epochs):
        net.train()
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            out = net(**batch)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
