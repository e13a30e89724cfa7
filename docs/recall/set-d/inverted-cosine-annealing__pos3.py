import numpy as np
import torch


def cosine_schedule(base_value, final_value, epochs, niter_per_ep, warmup_epochs=0, start_warmup_value=0.0):
    warmup_schedule = np.array([])
    warmup_iters = warmup_epochs * niter_per_ep
    if warmup_iters > 0:
        warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters)

    iters = np.arange(epochs * niter_per_ep - warmup_iters)
    span = max(1, len(iters))
    schedule = final_value + (base_value - final_value) * (1 - np.cos(np.pi * iters / span)) / 2

    schedule = np.concatenate((warmup_schedule, schedule))
    assert len(schedule) == epochs * niter_per_ep
    return schedule


def train(student, loss_fn, data_loader, args):
    params = [p for p in student.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params)
    lr_values = cosine_schedule(args.lr * args.batch_size / 256.0, args.min_lr, args.epochs,
                                len(data_loader), warmup_epochs=args.warmup_epochs,
                                start_warmup_value=args.lr * 1e-3)
    wd_values = np.full(len(lr_values), args.weight_decay)
    for epoch in range(args.epochs):
        student.train()
        for it, (images, _) in enumerate(data_loader):
            gstep = len(data_loader) * epoch + it
            for group in opt.param_groups:
                group["lr"] = lr_values[gstep]
                group["weight_decay"] = wd_values[gstep]
            loss = loss_fn(student(images))
            opt.zero_grad()
            loss.backward()
            opt.step()
