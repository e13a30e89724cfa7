import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, get_cosine_schedule_with_warmup

from data_utils import TokenizedCorpus


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt2")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--micro-batch", type=int, default=8)
    ap.add_argument("--accum-steps", type=int, default=8)
    ap.add_argument("--warmup-steps", type=int, default=200)
    args = ap.parse_args()

    model = AutoModelForCausalLM.from_pretrained(args.model).cuda()
    loader = DataLoader(TokenizedCorpus("train.bin"), batch_size=args.micro_batch, shuffle=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1)
    updates = args.epochs * len(loader) // args.accum_steps
    lr_sched = get_cosine_schedule_with_warmup(opt, args.warmup_steps, updates)

    model.train()
    for epoch in range(args.epochs):
        for i, batch in enumerate(loader):
            input_ids = batch["input_ids"].cuda()
            loss = model(input_ids=input_ids, labels=input_ids).loss
            (loss / args.accum_steps).backward()
            if (i + 1) % args.accum_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
            lr_sched.step()
            if i % 100 == 0:
                print(f"epoch {epoch} it {i} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
    model.save_pretrained("out/")


if __name__ == "__main__":
    main()
