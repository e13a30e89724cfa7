import math

import torch
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader

from mae import mae_vit_base_patch16
from data import PretrainImages

hp = {
    "epochs": 400,
    "warmup_epochs": 40,
    "lr": 1.5e-4,
    "batch_size": 64,
    "accum": 4,
    "mask_ratio": 0.75,
}


def make_lr_lambda(updates_per_epoch):
    warm = hp["warmup_epochs"] * updates_per_epoch
    total = hp["epochs"] * updates_per_epoch

    def lr_lambda(update):
        if update < warm:
            return (update + 1) / warm
        progress = min(1.0, (update - warm) / max(1, total - warm))
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    return lr_lambda


def pretrain(root):
    loader = DataLoader(PretrainImages(root), batch_size=hp["batch_size"], shuffle=True,
                        num_workers=10, pin_memory=True, drop_last=True)
    updates_per_epoch = max(1, len(loader) // hp["accum"])
    mae = mae_vit_base_patch16().cuda()
    opt = torch.optim.AdamW(mae.parameters(), lr=hp["lr"], betas=(0.9, 0.95), weight_decay=0.05)
    sched = LambdaLR(opt, make_lr_lambda(updates_per_epoch))

    for epoch in range(hp["epochs"]):
        mae.train()
        opt.zero_grad()
        for it, (imgs, _) in enumerate(loader):
            loss, _, _ = mae(imgs.cuda(non_blocking=True), mask_ratio=hp["mask_ratio"])
            (loss / hp["accum"]).backward()
            if (it + 1) % hp["accum"] == 0:
                opt.step()
                opt.zero_grad()
                sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
