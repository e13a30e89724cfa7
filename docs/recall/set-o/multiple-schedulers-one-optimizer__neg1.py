import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


def build_optim(model, opt_cfg):
    optimizer = torch.optim.AdamW(model.parameters(), lr=opt_cfg.lr,
                                  weight_decay=opt_cfg.weight_decay)
    warm = LinearLR(optimizer, start_factor=1e-3, total_iters=opt_cfg.warmup_epochs)
    decay_epochs = max(1, opt_cfg.epochs - opt_cfg.warmup_epochs)
    main = CosineAnnealingLR(optimizer, T_max=decay_epochs, eta_min=opt_cfg.min_lr)
    lr_scheduler = SequentialLR(optimizer, schedulers=[warm, main],
                                milestones=[opt_cfg.warmup_epochs])
    return optimizer, lr_scheduler


def train(model, train_loader, val_loader, opt_cfg, device="cuda"):
    model = model.to(device)
    crit = nn.CrossEntropyLoss()
    optimizer, lr_scheduler = build_optim(model, opt_cfg)
    for epoch in range(opt_cfg.epochs):
        model.train()
        for xb, yb in train_loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss = crit(model(xb), yb)
            loss.backward()
            optimizer.step()
        lr_scheduler.step()

        model.eval()
        with torch.no_grad():
            n_ok = sum((model(xb.to(device)).argmax(1).cpu() == yb).sum().item()
                       for xb, yb in val_loader)
        print(epoch, n_ok / len(val_loader.dataset), lr_scheduler.get_last_lr()[0])
    return model
