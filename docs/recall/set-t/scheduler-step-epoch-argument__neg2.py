import torch
from timm.scheduler import CosineLRScheduler


def build(model, args, n_iter_per_epoch):
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    lr_scheduler = CosineLRScheduler(
        optimizer,
        t_initial=args.epochs,
        lr_min=args.min_lr,
        warmup_t=args.warmup_epochs,
        warmup_lr_init=args.warmup_lr,
        t_in_epochs=True,
    )
    return optimizer, lr_scheduler


def train(model, loader, args):
    optimizer, lr_scheduler = build(model, args, len(loader))
    criterion = torch.nn.CrossEntropyLoss()
    num_updates = 0
    for epoch in range(args.start_epoch, args.epochs):
        model.train()
        for images, target in loader:
            output = model(images.cuda(non_blocking=True))
            loss = criterion(output, target.cuda(non_blocking=True))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            num_updates += 1
            lr_scheduler.step_update(num_updates=num_updates)
        lr_scheduler.step(epoch + 1)
