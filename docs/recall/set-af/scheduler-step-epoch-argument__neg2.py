import torch
from timm.scheduler import CosineLRScheduler


def train(model, loader, args):
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    lr_scheduler = CosineLRScheduler(
        optimizer,
        t_initial=args.epochs,
        lr_min=1e-6,
        warmup_t=args.warmup_epochs,
        warmup_lr_init=1e-6,
    )
    num_updates = 0
    for epoch in range(args.epochs):
        model.train()
        for images, target in loader:
            images, target = images.cuda(), target.cuda()
            loss = torch.nn.functional.cross_entropy(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            num_updates += 1
            lr_scheduler.step_update(num_updates=num_updates)
        # timm schedulers take the epoch explicitly
        lr_scheduler.step(epoch + 1)
        print(f"epoch {epoch}: lr {optimizer.param_groups[0]['lr']:.2e}")
    return model
