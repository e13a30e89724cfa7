import math

import torch

learning_rate = 6e-4
min_lr = 6e-5
warmup_iters = 2000
lr_decay_iters = 600000
max_iters = 600000
gradient_accumulation_steps = 40
grad_clip = 1.0


def get_lr(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    if it > lr_decay_iters:
        return min_lr
    ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (learning_rate - min_lr)


def train(model, get_batch):
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, betas=(0.9, 0.95))
    scaler = torch.cuda.amp.GradScaler()
    model.train()
    X, Y = get_batch("train")
    for iter_num in range(max_iters):
        lr = get_lr(iter_num)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        for micro_step in range(gradient_accumulation_steps):
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                logits, loss = model(X, Y)
            X, Y = get_batch("train")
            scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad(set_to_none=True)
        if iter_num % 10 == 0:
            print(f"iter {iter_num}: loss {loss.item():.4f}, lr {lr:.2e}")
    return model
