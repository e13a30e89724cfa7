import math

import torch

from model import GPT, GPTConfig
from data import get_batch

gradient_accumulation_steps = 8
batch_size = 12
max_iters = 5000
learning_rate = 6e-4
min_lr = 6e-5
warmup_iters = 200
grad_clip = 1.0


def get_lr(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / warmup_iters
    ratio = min(1.0, (it - warmup_iters) / (max_iters - warmup_iters))
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (learning_rate - min_lr)


model = GPT(GPTConfig(n_layer=12, n_head=12, n_embd=768)).cuda()
optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, betas=(0.9, 0.95),
                              weight_decay=0.1)

X, Y = get_batch("train", batch_size)
for iter_num in range(max_iters):
    lr = get_lr(iter_num)
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr
    for micro_step in range(gradient_accumulation_steps):
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits, loss = model(X, Y)
        X, Y = get_batch("train", batch_size)
        loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    if iter_num % 100 == 0:
        print(f"iter {iter_num}: loss {loss.item():.4f}, lr {lr:.2e}")
