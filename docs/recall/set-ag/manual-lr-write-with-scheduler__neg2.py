import math

import torch

from model import GPT, GPTConfig
from data import get_batch

learning_rate = 6e-4
min_lr = 6e-5
warmup_iters = 2000
lr_decay_iters = 600000
max_iters = 600000
grad_clip = 1.0


def get_lr(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    if it > lr_decay_iters:
        return min_lr
    decay_ratio = (it - warmup_iters) / max(1, lr_decay_iters - warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)


def main():
    model = GPT(GPTConfig()).cuda()
    optimizer = model.configure_optimizers(weight_decay=0.1, learning_rate=learning_rate,
                                           betas=(0.9, 0.95), device_type="cuda")
    it = 0
    X, Y = get_batch("train")
    model.train()
    while it <= max_iters:
        lr = get_lr(it)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        _, loss = model(X, Y)
        X, Y = get_batch("train")
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if it % 100 == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
        it += 1


if __name__ == "__main__":
    main()
