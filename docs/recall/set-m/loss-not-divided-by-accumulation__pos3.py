import math

import torch

from model import GPT


def get_lr(it, warmup_iters, lr_decay_iters, learning_rate, min_lr):
    if it < warmup_iters:
        return learning_rate * (it + 1) / warmup_iters
    if it > lr_decay_iters:
        return min_lr
    decay_ratio = (it - warmup_iters) / max(1, lr_decay_iters - warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)


def train(get_batch, cfg):
    model = GPT(cfg["model"]).to("cuda")
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.95),
                                  weight_decay=0.1)
    gradient_accumulation_steps = cfg["grad_accum"]
    X, Y = get_batch("train")
    for iter_num in range(cfg["max_iters"]):
        lr = get_lr(iter_num, cfg["warmup_iters"], cfg["lr_decay_iters"], cfg["lr"],
                    cfg["min_lr"])
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        for micro_step in range(gradient_accumulation_steps):
            with torch.autocast("cuda", dtype=torch.bfloat16):
                logits, loss = model(X, Y)
            X, Y = get_batch("train")
            loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if iter_num % cfg["log_interval"] == 0:
            print(f"iter {iter_num}: loss {loss.item():.4f}, lr {lr:.2e}")
    return model
