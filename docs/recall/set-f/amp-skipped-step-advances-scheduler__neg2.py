import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_with_warmup(n_warm, n_total):
    def fn(step):
        if step < n_warm:
            return (step + 1) / n_warm
        t = min(1.0, (step - n_warm) / max(1, n_total - n_warm))
        return 0.5 * (1 + math.cos(math.pi * t))

    return fn


def pretrain(lm, batches, args):
    opt = torch.optim.AdamW(lm.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-6)
    schedule = LambdaLR(opt, cosine_with_warmup(args.n_warm, args.max_steps))
    grad_scaler = torch.amp.GradScaler("cuda")

    lm.train()
    step = 0
    while step < args.max_steps:
        input_ids, labels = next(batches)
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            out = lm(input_ids.cuda(), labels=labels.cuda())
        opt.zero_grad(set_to_none=True)
        grad_scaler.scale(out.loss).backward()
        grad_scaler.unscale_(opt)
        gnorm = torch.nn.utils.clip_grad_norm_(lm.parameters(), args.clip)
        grad_scaler.step(opt)
        grad_scaler.update()
        if not torch.isfinite(gnorm):
            continue
        schedule.step()
        step += 1
        if step % args.log_every == 0:
            print(f"step {step} loss {out.loss.item():.4f} lr {schedule.get_last_lr()[0]:.2e}")
