import math

import torch
from torch.utils.data import DataLoader
from transformers import get_cosine_schedule_with_warmup

from lm_data import PackedTextDataset
from lm_model import GPT


def train(cfg):
    device = "cuda"
    ds = PackedTextDataset(cfg["data_path"], block_size=cfg["block_size"])
    loader = DataLoader(ds, batch_size=cfg["micro_bs"], shuffle=True, num_workers=4, drop_last=True)
    model = GPT(cfg["model"]).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.95),
                            weight_decay=0.1)

    accum_steps = cfg["grad_accum"]
    updates_per_epoch = math.ceil(len(loader) / accum_steps)
    total_updates = updates_per_epoch * cfg["epochs"]
    lr_sched = get_cosine_schedule_with_warmup(
        opt, num_warmup_steps=cfg["warmup_updates"], num_training_steps=total_updates
    )

    model.train()
    for epoch in range(cfg["epochs"]):
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device)
            _, loss = model(x, targets=y)
            (loss / accum_steps).backward()
            if (step + 1) % accum_steps == 0 or step + 1 == len(loader):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
            lr_sched.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} "
                      f"lr {lr_sched.get_last_lr()[0]:.2e}")
    return model
