import argparse
import math

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, get_cosine_schedule_with_warmup

from lm_data import PackedTextDataset


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="gpt2")
    p.add_argument("--micro-bs", type=int, default=8)
    p.add_argument("--grad-accum", type=int, default=8)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--warmup-steps", type=int, default=200)
    return p.parse_args()


def main():
    args = parse()
    ds = PackedTextDataset("corpus.bin", block_size=1024)
    loader = DataLoader(ds, batch_size=args.micro_bs, shuffle=True, num_workers=2)
    lm = AutoModelForCausalLM.from_pretrained(args.model).cuda()
    opt = torch.optim.AdamW(lm.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.1)

    updates_per_epoch = math.ceil(len(loader) / args.grad_accum)
    sched = get_cosine_schedule_with_warmup(
        opt, num_warmup_steps=args.warmup_steps,
        num_training_steps=args.epochs * updates_per_epoch,
    )

    lm.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            batch = batch.cuda()
            out = lm(input_ids=batch, labels=batch)
            (out.loss / args.grad_accum).backward()

            if (step + 1) % args.grad_accum == 0 or step + 1 == len(loader):
                torch.nn.utils.clip_grad_norm_(lm.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
            sched.step()

            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {out.loss.item():.4f} "
                      f"lr {sched.get_last_lr()[0]:.2e}")

    lm.save_pretrained("out/")


if __name__ == "__main__":
    main()
