import torch
from timm.scheduler.cosine_lr import CosineLRScheduler


def build_scheduler(cfg, optimizer, n_iter_per_epoch):
    num_steps = int(cfg.TRAIN.EPOCHS * n_iter_per_epoch)
    return CosineLRScheduler(
        optimizer,
        t_initial=num_steps,
        lr_min=cfg.TRAIN.MIN_LR,
        warmup_lr_init=cfg.TRAIN.WARMUP_LR,
        warmup_t=cfg.TRAIN.WARMUP_EPOCHS,
        cycle_limit=1,
        t_in_epochs=False,
    )


def train_one_epoch(cfg, model, criterion, data_loader, optimizer, epoch, lr_scheduler):
    model.train()
    num_steps = len(data_loader)
    for idx, (samples, targets) in enumerate(data_loader):
        samples = samples.cuda(non_blocking=True)
        targets = targets.cuda(non_blocking=True)
        outputs = model(samples)
        loss = criterion(outputs, targets)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.TRAIN.CLIP_GRAD)
        optimizer.step()
        lr_scheduler.step_update(epoch * num_steps + idx)
        if idx % cfg.PRINT_FREQ == 0:
            print(f"Train: [{epoch}/{cfg.TRAIN.EPOCHS}][{idx}/{num_steps}] "
                  f"lr {optimizer.param_groups[0]['lr']:.6f} loss {loss.item():.4f}")


def main(cfg, model, criterion, data_loader):
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.TRAIN.BASE_LR,
                                  weight_decay=cfg.TRAIN.WEIGHT_DECAY)
    lr_scheduler = build_scheduler(cfg, optimizer, len(data_loader))
    for epoch in range(cfg.TRAIN.START_EPOCH, cfg.TRAIN.EPOCHS):
        train_one_epoch(cfg, model, criterion, data_loader, optimizer, epoch, lr_scheduler)
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "lr_scheduler": lr_scheduler.state_dict(), "epoch": epoch},
                   f"{cfg.OUTPUT}/ckpt_epoch_{epoch}.pth")
