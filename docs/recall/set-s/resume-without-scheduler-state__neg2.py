import math
from pathlib import Path

import torch


def adjust_learning_rate(opt, epoch, hp):
    """Half-cycle cosine after a linear ramp, computed from the epoch alone."""
    if epoch < hp["ramp"]:
        lr = hp["lr"] * epoch / hp["ramp"]
    else:
        progress = (epoch - hp["ramp"]) / max(1, hp["epochs"] - hp["ramp"])
        lr = hp["min_lr"] + (hp["lr"] - hp["min_lr"]) * 0.5 * (1.0 + math.cos(math.pi * progress))
    for group in opt.param_groups:
        group["lr"] = lr
    return lr


def train(encoder, loader, hp, out_dir):
    out_dir = Path(out_dir)
    opt = torch.optim.AdamW(encoder.parameters(), lr=hp["lr"], betas=(0.9, 0.95))
    start = 0
    resume_file = out_dir / "checkpoint.pth"
    if resume_file.exists():
        state = torch.load(resume_file, map_location="cpu")
        encoder.load_state_dict(state["encoder"])
        opt.load_state_dict(state["opt"])
        start = state["epoch"] + 1

    encoder.train()
    for epoch in range(start, hp["epochs"]):
        for it, (imgs, _) in enumerate(loader):
            adjust_learning_rate(opt, epoch + it / len(loader), hp)
            loss = encoder(imgs.cuda(non_blocking=True))
            opt.zero_grad()
            loss.backward()
            opt.step()
        torch.save(
            {"encoder": encoder.state_dict(), "opt": opt.state_dict(), "epoch": epoch},
            resume_file,
        )
