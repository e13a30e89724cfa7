import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(warm, total):
    def fn(step):
        if step < warm:
            return (step + 1) / warm
        progress = min(1.0, (step - warm) / max(1, total - warm))
        return 0.5 * (1.0 + math.cos(math.pi * progress))
    return fn


def train_one_epoch(encoder, loader, opt, cfg, epoch):
    total_steps = cfg.epochs * len(loader)
    lr_sched = LambdaLR(opt, warmup_cosine(max(1, cfg.warmup_steps), total_steps))
    encoder.train()
    running = 0.0
    for i, (view1, view2) in enumerate(loader):
        view1, view2 = view1.cuda(non_blocking=True), view2.cuda(non_blocking=True)
        loss = encoder(view1, view2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        lr_sched.step()
        running += loss.item()
        if i % cfg.log_every == 0:
            print(f"[{epoch}:{i}] loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.3e}")
    return running / len(loader)


def pretrain(encoder, loader, cfg):
    encoder.cuda()
    opt = torch.optim.AdamW(encoder.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
    for epoch in range(cfg.epochs):
        avg = train_one_epoch(encoder, loader, opt, cfg, epoch)
        print(f"epoch {epoch} avg loss {avg:.4f}")
        if (epoch + 1) % cfg.save_every == 0:
            torch.save(encoder.state_dict(), f"{cfg.out_dir}/encoder_ep{epoch + 1}.pt")
    return encoder
