import torch
from timm.scheduler import CosineLRScheduler


def train_one_epoch(model, loader, optimizer, lr_scheduler, epoch, criterion):
    model.train()
    num_updates = epoch * len(loader)
    for images, target in loader:
        loss = criterion(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        num_updates += 1
        lr_scheduler.step_update(num_updates=num_updates)
    return num_updates


def main(model, loader, args):
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    lr_scheduler = CosineLRScheduler(
        optimizer,
        t_initial=args.epochs,
        lr_min=1e-6,
        warmup_t=args.warmup_epochs,
        warmup_lr_init=1e-6,
    )
    criterion = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(args.epochs):
        train_one_epoch(model, loader, optimizer, lr_scheduler, epoch, criterion)
        lr_scheduler.step(epoch + 1)
