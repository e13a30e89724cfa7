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
    "min_lr": 1e-6,
    "batch_size": 256,
    "mask_ratio": 0.75,
}


def make_lr_lambda(total_steps):
    warm = hp["warmup_epochs"]

    def lr_lambda(step):
        if step < warm:
            return (step + 1) / warm
        progress = (step - warm) / max(1, total_steps - warm)
        cosine = 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))
        return max(hp["min_lr"] / hp["lr"], cosine)

    return lr_lambda


def pretrain(root):
    loader = DataLoader(PretrainImages(root), batch_size=hp["batch_size"], shuffle=True,
                        num_workers=10, pin_memory=True, drop_last=True)
    mae = mae_vit_base_patch16().cuda()
    opt = torch.optim.AdamW(mae.parameters(), lr=hp["lr"], betas=(0.9, 0.95), weight_decay=0.05)
    sched = LambdaLR(opt, make_lr_lambda(hp["epochs"] * len(loader)))

    for epoch in range(hp["epochs"]):
        mae.train()
        for it, (imgs, _) in enumerate(loader):
            loss, _, _ = mae(imgs.cuda(non_blocking=True), mask_ratio=hp["mask_ratio"])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if it % 100 == 0:
                print(f"[{epoch}][{it}/{len(loader)}] loss {loss.item():.4f}")
        torch.save({"model": mae.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "epoch": epoch}, "mae_last.pth")
