import math

import torch


def lr_at(it, cfg):
    if it < cfg["warmup_iters"]:
        return cfg["lr"] * (it + 1) / cfg["warmup_iters"]
    if it >= cfg["max_iters"]:
        return cfg["min_lr"]
    ratio = (it - cfg["warmup_iters"]) / (cfg["max_iters"] - cfg["warmup_iters"])
    return cfg["min_lr"] + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (cfg["lr"] - cfg["min_lr"])


def train(net, get_batch, cfg):
    assert cfg["max_iters"] > cfg["warmup_iters"]
    opt = torch.optim.AdamW(net.parameters(), lr=cfg["lr"], betas=(0.9, 0.95), weight_decay=0.1)
    net.train()
    it = 0
    while it < cfg["max_iters"]:
        # determine and set the learning rate for this iteration
        lr = lr_at(it, cfg)
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = get_batch("train")
        _, loss = net(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        if it % 100 == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
        it += 1
    return net
