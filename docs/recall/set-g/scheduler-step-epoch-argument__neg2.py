import torch
from timm.scheduler import CosineLRScheduler


def train(model, loader, args):
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    lr_scheduler = CosineLRScheduler(
        optimizer,
        t_initial=args.epochs,
        lr_min=1e-6,
        warmup_t=args.warmup_epochs,
        warmup_lr_init=1e-6,
        t_in_epochs=True,
    )
    num_updates = 0
    for epoch in range(args.epochs):
        model.train()
        for images, target in loader:
            loss = torch.nn.functional.cross_entropy(model(images), target, label_smoothing=0.1)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            num_updates += 1
            lr_scheduler.step_update(num_updates=num_updates)
        lr_scheduler.step(epoch + 1)
        lrs = [g["lr"] for g in optimizer.param_groups]
        print(f"epoch {epoch} lr {sum(lrs) / len(lrs):.3e}")
