import numpy as np
import torch


def cosine_scheduler(base_value, final_value, epochs, niter_per_ep, warmup_epochs=0,
                     start_warmup_value=0.0):
    warmup_schedule = np.array([])
    warmup_iters = warmup_epochs * niter_per_ep
    if warmup_iters > 0:
        warmup_schedule = np.linspace(start_warmup_value, base_value, warmup_iters)

    iters = np.arange(epochs * niter_per_ep - warmup_iters)
    n_decay = max(len(iters), 1)
    schedule = final_value + 0.5 * (base_value - final_value) * (1 - np.cos(np.pi * iters / n_decay))

    schedule = np.concatenate((warmup_schedule, schedule))
    assert len(schedule) == epochs * niter_per_ep
    return schedule


def train(student, data_loader, args):
    params = [p for p in student.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params)
    lr_schedule = cosine_scheduler(args.lr * args.batch_size / 256.0, args.min_lr,
                                   args.epochs, len(data_loader),
                                   warmup_epochs=args.warmup_epochs,
                                   start_warmup_value=args.min_lr)
    wd_schedule = np.full(args.epochs * len(data_loader), args.weight_decay)
    for epoch in range(args.epochs):
        student.train()
        for it, (images, _) in enumerate(data_loader):
            it = len(data_loader) * epoch + it
            for i, param_group in enumerate(optimizer.param_groups):
                param_group["lr"] = lr_schedule[it]
                if i == 0:
                    param_group["weight_decay"] = wd_schedule[it]
            loss = student([im.cuda(non_blocking=True) for im in images])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} lr {optimizer.param_groups[0]['lr']:.6f}")
