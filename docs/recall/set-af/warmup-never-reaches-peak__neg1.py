import math

import torch

learning_rate = 6e-4
max_iters = 600000
warmup_iters = 2000
lr_decay_iters = 600000
min_lr = 6e-5
grad_clip = 1.0


def get_lr(it):
    # 1) linear warmup: it + 1 so the first step is non-zero and the last hits the peak
    if it < warmup_iters:
        return learning_rate * (it + 1) / warmup_iters
    # 2) if it > lr_decay_iters, return min learning rate
    if it > lr_decay_iters:
        return min_lr
    # 3) in between, use cosine decay down to min learning rate
    decay_ratio = (it - warmup_iters) / max(1, lr_decay_iters - warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)


def train(model, get_batch):
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate,
                                  betas=(0.9, 0.95), weight_decay=0.1)
    for iter_num in range(max_iters + 1):
        lr = get_lr(iter_num)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        X, Y = get_batch("train")
        logits, loss = model(X, Y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if iter_num % 100 == 0:
            print(f"iter {iter_num}: loss {loss.item():.4f} lr {lr:.2e}")
