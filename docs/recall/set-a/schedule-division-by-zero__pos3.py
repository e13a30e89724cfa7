import math

import torch

hp = {
    "learning_rate": 6e-4,
    "min_lr": 6e-5,
    "warmup_iters": 2000,
    "lr_decay_iters": 600000,
    "max_iters": 600000,
    "decay_lr": True,
    "grad_clip": 1.0,
    "log_interval": 10,
}


def lr_for(it):
    if it < hp["warmup_iters"]:
        return hp["learning_rate"] * (it + 1) / hp["warmup_iters"]
    if it > hp["lr_decay_iters"]:
        return hp["min_lr"]
    decay_ratio = (it - hp["warmup_iters"]) / (hp["lr_decay_iters"] - hp["warmup_iters"])
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return hp["min_lr"] + coeff * (hp["learning_rate"] - hp["min_lr"])


def train(model, get_batch, iter_num=0):
    optimizer = torch.optim.AdamW(model.parameters(), lr=hp["learning_rate"], betas=(0.9, 0.95), weight_decay=0.1)
    X, Y = get_batch("train")
    while iter_num <= hp["max_iters"]:
        lr = lr_for(iter_num) if hp["decay_lr"] else hp["learning_rate"]
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        logits, loss = model(X, Y)
        X, Y = get_batch("train")
        loss.backward()
        if hp["grad_clip"] != 0.0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), hp["grad_clip"])
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if iter_num % hp["log_interval"] == 0:
            print(f"iter {iter_num}: loss {loss.item():.4f}, lr {lr:.2e}")
        iter_num += 1
