import torch
from timm.scheduler.cosine_lr import CosineLRScheduler


def build_scheduler(cfg, optimizer, n_iter_per_epoch):
    num_steps = int(cfg.TRAIN.EPOCHS * n_iter_per_epoch)
    warmup_steps = int(cfg.TRAIN.WARMUP_EPOCHS * n_iter_per_epoch)
    return CosineLRScheduler(
        optimizer,
        t_initial=num_steps,
        lr_min=cfg.TRAIN.MIN_LR,
        warmup_lr_init=cfg.TRAIN.WARMUP_LR,
        warmup_t=warmup_steps,
        cycle_limit=1,
        t_in_epochs=False,
    )


def train(cfg, model, criterion, data_loader):
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.TRAIN.BASE_LR,
                                  weight_decay=cfg.TRAIN.WEIGHT_DECAY)
    num_steps = len(data_loader)
    lr_scheduler = build_scheduler(cfg, optimizer, num_steps)
    for epoch in range(cfg.TRAIN.START_EPOCH, cfg.TRAIN.EPOCHS):
        model.train()
        for idx, (samples, targets) in enumerate(data_loader):
            outputs = model(samples.cuda(non_blocking=True))
            loss = criterion(outputs, targets.cuda(non_blocking=True))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            lr_scheduler.step_update(epoch * num_steps + idx)
        print(f"epoch {epoch} loss {loss.item():.4f} lr {optimizer.param_groups[0]['lr']:.6f}")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "lr_scheduler": lr_scheduler.state_dict(), "epoch": epoch},
                   f"{cfg.OUTPUT}/ckpt_epoch_{epoch}.pth")
