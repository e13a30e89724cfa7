import torch
from timm.scheduler import CosineLRScheduler


def train_one_epoch(model, loader, optimizer, lr_scheduler, epoch, device):
    model.train()
    num_updates = epoch * len(loader)
    for images, target in loader:
        images, target = images.to(device), target.to(device)
        loss = torch.nn.functional.cross_entropy(model(images), target, label_smoothing=0.1)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        num_updates += 1
        lr_scheduler.step_update(num_updates=num_updates)


def main(model, loader, args):
    device = torch.device("cuda")
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    lr_scheduler = CosineLRScheduler(
        optimizer,
        t_initial=args.epochs,
        lr_min=1e-6,
        warmup_t=args.warmup_epochs,
        warmup_lr_init=1e-6,
    )
    for epoch in range(args.epochs):
        train_one_epoch(model, loader, optimizer, lr_scheduler, epoch, device)
        lr_scheduler.step(epoch + 1)
        print(f"epoch {epoch} lr {optimizer.param_groups[0]['lr']:.2e}")
