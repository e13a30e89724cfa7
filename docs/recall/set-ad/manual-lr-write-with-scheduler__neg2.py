import math

import torch

from model import GPT, GPTConfig
from data import get_batch

learning_rate = 6e-4
min_lr = 6e-5
warmup_iters = 2000
lr_decay_iters = 600_000
max_iters = 600_000
eval_interval = 2000


def get_lr(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    if it > lr_decay_iters:
        return min_lr
    decay_ratio = (it - warmup_iters) / max(1, lr_decay_iters - warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)


def main():
    gpt = GPT(GPTConfig(n_layer=12, n_head=12, n_embd=768)).cuda()
    optim = torch.optim.AdamW(gpt.parameters(), lr=learning_rate, betas=(0.9, 0.95), weight_decay=0.1)

    it = 0
    while it <= max_iters:
        lr = get_lr(it)
        for group in optim.param_groups:
            group["lr"] = lr

        X, Y = get_batch("train")
        _, loss = gpt(X, Y)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(gpt.parameters(), 1.0)
        optim.step()

        if it % eval_interval == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
            torch.save({"model": gpt.state_dict(), "optimizer": optim.state_dict(), "iter_num": it},
                       "ckpt.pt")
        it += 1


if __name__ == "__main__":
    main()
