import numpy as np
import torch


def cosine_scheduler(base_value, final_value, epochs, niter_per_ep, warmup_epochs=0,
                     start_warmup_value=0.0):
    warmup_schedule = np.array([])
    warmup_iters = warmup_epochs * niter_per_ep
    if warmup_iters > 0:
        warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters + 1)[1:]

    iters = np.arange(epochs * niter_per_ep - warmup_iters)
    n = max(1, len(iters))
    schedule = final_value + 0.5 * (base_value - final_value) * (1 + np.cos(np.pi * iters / n))

    schedule = np.concatenate((warmup_schedule, schedule))
    assert len(schedule) == epochs * niter_per_ep
    return schedule


def train(student, loader, args):
    params = [p for p in student.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params)
    lr_values = cosine_scheduler(args.lr, args.min_lr, args.epochs, len(loader),
                                 warmup_epochs=args.warmup_epochs)
    for epoch in range(args.epochs):
        student.train()
        for it, (images, _) in enumerate(loader):
            step = len(loader) * epoch + it
            for g in opt.param_groups:
                g["lr"] = lr_values[step]
            loss = student(images.cuda(non_blocking=True))
            opt.zero_grad()
            loss.backward()
            opt.step()
