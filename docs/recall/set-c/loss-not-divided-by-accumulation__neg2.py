import math

import torch


def get_lr(it, cfg):
    if it < cfg["warmup_iters"]:
        return cfg["lr"] * (it + 1) / (cfg["warmup_iters"] + 1)
    if it > cfg["lr_decay_iters"]:
        return cfg["min_lr"]
    ratio = (it - cfg["warmup_iters"]) / max(1, cfg["lr_decay_iters"] - cfg["warmup_iters"])
    coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
    return cfg["min_lr"] + coeff * (cfg["lr"] - cfg["min_lr"])


def train(gpt, get_batch, cfg):
    optimizer = torch.optim.AdamW(gpt.parameters(), lr=cfg["lr"], betas=(0.9, 0.95))
    n_micro = cfg["gradient_accumulation_steps"]
    gpt.train()
    X, Y = get_batch("train")
    for it in range(cfg["max_iters"]):
        lr = get_lr(it, cfg)
        for group in optimizer.param_groups:
            group["lr"] = lr
        for micro_step in range(n_micro):
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16):
                logits, loss = gpt(X, Y)
            X, Y = get_batch("train")
            (loss / n_micro).backward()
        torch.nn.utils.clip_grad_norm_(gpt.parameters(), cfg["grad_clip"])
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if it % cfg["log_interval"] == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
    return gpt
