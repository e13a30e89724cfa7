import argparse
import math

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, get_cosine_schedule_with_warmup

from data import load_tokenized_corpus


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt2")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--micro-bs", type=int, default=8)
    ap.add_argument("--grad-accum", type=int, default=8)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--warmup-steps", type=int, default=200)
    args = ap.parse_args()

    model = AutoModelForCausalLM.from_pretrained(args.model).cuda()
    loader = DataLoader(load_tokenized_corpus("train"), batch_size=args.micro_bs, shuffle=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1)
    updates_per_epoch = math.ceil(len(loader) / args.grad_accum)
    lr_sched = get_cosine_schedule_with_warmup(opt, args.warmup_steps, updates_per_epoch * args.epochs)

    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.cuda() for k, v in batch.items()}
            loss = model(**batch, labels=batch["input_ids"]).loss / args.grad_accum
            loss.backward()
            if (step + 1) % args.grad_accum == 0 or step + 1 == len(loader):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
            lr_sched.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item() * args.grad_accum:.4f}")

    model.save_pretrained("out/")


if __name__ == "__main__":
    main()
