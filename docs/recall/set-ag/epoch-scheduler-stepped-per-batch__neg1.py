import torch
import torch.nn.functional as F
from torch.optim import AdamW
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from model import TinyViT
from data import ImageFolderDataset


def train(cfg):
    device = torch.device(cfg.device)
    train_ds = ImageFolderDataset(cfg.data_root, split="train")
    train_dl = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True,
                          num_workers=cfg.num_workers, drop_last=True)
    vit = TinyViT(num_classes=cfg.num_classes).to(device)
    opt = AdamW(vit.parameters(), lr=cfg.lr, weight_decay=0.05)
    iters_per_epoch = len(train_dl)
    lr_sched = CosineAnnealingLR(opt, T_max=cfg.epochs * iters_per_epoch, eta_min=cfg.min_lr)

    for epoch in range(cfg.epochs):
        vit.train()
        for i, (imgs, labels) in enumerate(train_dl):
            imgs, labels = imgs.to(device), labels.to(device)
            loss = F.cross_entropy(vit(imgs), labels, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(vit.parameters(), 1.0)
            opt.step()
            lr_sched.step()
            if i % cfg.log_every == 0:
                print(f"ep {epoch} it {i}/{iters_per_epoch} loss {loss.item():.4f} "
                      f"lr {lr_sched.get_last_lr()[0]:.2e}")
    return vit
