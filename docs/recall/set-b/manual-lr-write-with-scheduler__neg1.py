import math

import torch

from model import GPT, GPTConfig
from data import get_batch

learning_rate = 6e-4
min_lr = 6e-5
warmup_iters = 2000
lr_decay_iters = 600000
max_iters = 600000
eval_interval = 2000


def get_lr(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    if it > lr_decay_iters:
        return min_lr
    ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
    return min_lr + coeff * (learning_rate - min_lr)


def main():
    model = GPT(GPTConfig()).cuda()
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate,
                                  betas=(0.9, 0.95), weight_decay=0.1)
    model.train()
    it = 0
    while it <= max_iters:
        # the schedule is owned here; there is no lr_scheduler object
        lr = get_lr(it)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        X, Y = get_batch("train")
        _, loss = model(X, Y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if it % eval_interval == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                        "iter_num": it}, "ckpt.pt")
        it += 1


if __name__ == "__main__":
    main()
