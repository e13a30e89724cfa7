import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(warm_iters, total_iters):
    def fn(it):
        if it < warm_iters:
            return (it + 1) / warm_iters
        t = min(1.0, (it - warm_iters) / max(1, total_iters - warm_iters))
        return 0.5 * (1.0 + math.cos(math.pi * t))
    return fn


def train_one_epoch(model, loader, optimizer, epoch, cfg):
    model.train()
    total_iters = cfg.epochs * len(loader)
    lr_sched = LambdaLR(optimizer, warmup_cosine(cfg.warmup_iters, total_iters))
    meter = 0.0
    for i, (samples, text) in enumerate(loader):
        loss = model(samples.cuda(non_blocking=True), text)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        lr_sched.step()
        meter += loss.item()
        if i % cfg.print_freq == 0:
            print(f"Epoch [{epoch}] [{i}/{len(loader)}] loss {loss.item():.4f} "
                  f"lr {optimizer.param_groups[0]['lr']:.6f}")
    return meter / len(loader)


def main(cfg, model, loader):
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
    for epoch in range(cfg.epochs):
        avg = train_one_epoch(model, loader, optimizer, epoch, cfg)
        print(f"epoch {epoch} avg loss {avg:.4f}")
        torch.save({"model": model.state_dict(), "epoch": epoch}, f"ckpt_{epoch}.pth")
