import argparse

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, get_linear_schedule_with_warmup

from data_utils import TokenizedCorpus


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt2-medium")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--micro-batch", type=int, default=4)
    ap.add_argument("--gradient-accumulation-steps", type=int, default=16)
    ap.add_argument("--warmup-steps", type=int, default=100)
    args = ap.parse_args()

    model = AutoModelForCausalLM.from_pretrained(args.model).cuda()
    loader = DataLoader(TokenizedCorpus("train.bin"), batch_size=args.micro_batch, shuffle=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr)
    accum = args.gradient_accumulation_steps
    total_updates = args.epochs * (len(loader) // accum)
    scheduler = get_linear_schedule_with_warmup(opt, args.warmup_steps, total_updates)

    model.train()
    for epoch in range(args.epochs):
        for i, batch in enumerate(loader):
            ids = batch["input_ids"].cuda()
            loss = model(input_ids=ids, labels=ids).loss / accum
            loss.backward()
            if (i + 1) % accum == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                scheduler.step()
                opt.zero_grad(set_to_none=True)
        print(f"epoch {epoch} done, lr {scheduler.get_last_lr()[0]:.2e}")
    model.save_pretrained("out/")


if __name__ == "__main__":
    main()
