import numpy as np
import torch


def cosine_schedule(base_value, final_value, epochs, niter_per_ep, warmup_epochs=0, start_warmup_value=0.0):
    warmup_schedule = np.array([])
    warmup_iters = warmup_epochs * niter_per_ep
    if warmup_iters > 0:
        warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters)

    iters = np.arange(epochs * niter_per_ep - warmup_iters)
    span = max(1, len(iters))
    schedule = final_value + 0.5 * (base_value - final_value) * (1 + np.cos(np.pi * iters / span))

    schedule = np.concatenate((warmup_schedule, schedule))
    assert len(schedule) == epochs * niter_per_ep
    return schedule


def train(encoder, loss_fn, data_loader, args):
    opt = torch.optim.AdamW([p for p in encoder.parameters() if p.requires_grad])
    lr_values = cosine_schedule(args.lr, args.min_lr, args.epochs, len(data_loader),
                                warmup_epochs=args.warmup_epochs, start_warmup_value=args.lr * 1e-3)
    for epoch in range(args.epochs):
        encoder.train()
        for it, batch in enumerate(data_loader):
            gstep = len(data_loader) * epoch + it
            for group in opt.param_groups:
                group["lr"] = lr_values[gstep]
            loss = loss_fn(encoder(batch))
            opt.zero_grad()
            loss.backward()
            opt.step()
