import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSeq2SeqLM, get_linear_schedule_with_warmup

from summ_data import load_cnn_dm


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="t5-base")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--warmup-epochs", type=float, default=1.0)
    ap.add_argument("--per-device-batch", type=int, default=4)
    ap.add_argument("--grad-accum", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-4)
    return ap.parse_args()


def main():
    args = parse_args()
    seq2seq = AutoModelForSeq2SeqLM.from_pretrained(args.model).cuda()
    train_ds = load_cnn_dm("train", args.model)
    loader = DataLoader(train_ds, batch_size=args.per_device_batch, shuffle=True,
                        collate_fn=train_ds.collate, num_workers=4)
    opt = torch.optim.AdamW(seq2seq.parameters(), lr=args.lr, weight_decay=0.01)
    updates_per_epoch = len(loader) // args.grad_accum
    lr_sched = get_linear_schedule_with_warmup(
        opt,
        num_warmup_steps=int(args.warmup_epochs * len(loader)),
        num_training_steps=args.epochs * updates_per_epoch,
    )

    for epoch in range(args.epochs):
        seq2seq.train()
        opt.zero_grad()
        for i, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = seq2seq(**batch).loss / args.grad_accum
            loss.backward()
            if (i + 1) % args.grad_accum == 0:
                torch.nn.utils.clip_grad_norm_(seq2seq.parameters(), 1.0)
                opt.step()
                lr_sched.step()
                opt.zero_grad()
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.2e} "
              f"loss {loss.item() * args.grad_accum:.4f}")
    seq2seq.save_pretrained("out/t5-summ")


if __name__ == "__main__":
    main()
