import torch
import torch.nn as nn
from timm.scheduler import CosineLRScheduler


def train(model, loader, args):
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    lr_scheduler = CosineLRScheduler(
        optimizer,
        t_initial=args.epochs,
        lr_min=args.min_lr,
        warmup_t=args.warmup_epochs,
        warmup_lr_init=args.warmup_lr,
    )
    criterion = nn.CrossEntropyLoss()
    num_updates = 0
    for epoch in range(args.epochs):
        model.train()
        for images, target in loader:
            loss = criterion(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            num_updates += 1
            lr_scheduler.step_update(num_updates=num_updates)
        lr_scheduler.step(epoch + 1)
        print(f"epoch {epoch} lr {optimizer.param_groups[0]['lr']:.6f}")
