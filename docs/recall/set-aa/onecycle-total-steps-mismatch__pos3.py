from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


@dataclass
class RunConfig:
    n_epochs: int = 12
    bs: int = 48
    peak_lr: float = 3e-3
    warm_frac: float = 0.25


def train_audio_tagger(tagger, clips, cfg: RunConfig | None = None):
    cfg = cfg or RunConfig()
    dl = DataLoader(clips, batch_size=cfg.bs, shuffle=True, num_workers=8, pin_memory=True)
    tagger = tagger.cuda()
    opt = torch.optim.AdamW(tagger.parameters(), lr=cfg.peak_lr, weight_decay=1e-2)
    total = cfg.n_epochs * int(len(clips) / cfg.bs)
    lr_sched = OneCycleLR(opt, max_lr=cfg.peak_lr, total_steps=total, pct_start=cfg.warm_frac)
    bce = nn.BCEWithLogitsLoss()

    ep = 0
    while ep < cfg.n_epochs:
        tagger.train()
        run_loss = 0.0
        for mel, tags in dl:
            mel, tags = mel.cuda(non_blocking=True), tags.cuda(non_blocking=True).float()
            loss = bce(tagger(mel), tags)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            run_loss += loss.item()
        print(f"epoch {ep}: bce {run_loss / len(dl):.4f}")
        ep += 1
    torch.save(tagger.state_dict(), "tagger.pt")
    return tagger
