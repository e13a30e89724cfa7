import math

import torch


@torch.no_grad()
def estimate_loss(model, get_batch, eval_iters=200):
    model.eval()
    out = {}
    for split in ("train", "val"):
        losses = torch.zeros(eval_iters)
        for k in range(eval_iters):
            X, Y = get_batch(split)
            _, loss = model(X, Y)
            losses[k] = loss.item()
        out[split] = losses.mean().item()
    return out


def train(model, get_batch, max_iters=5000, eval_interval=250, lr=6e-4):
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.1)
    model.train()
    it = 0
    while it < max_iters:
        if it % eval_interval == 0:
            losses = estimate_loss(model, get_batch)
            print(f"iter {it}: train {losses['train']:.4f}, val {losses['val']:.4f}, ppl {math.exp(losses['val']):.1f}")
        X, Y = get_batch("train")
        _, loss = model(X, Y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        it += 1
    return model
