import copy
from pathlib import Path

import torch
import torch.nn as nn


class ModelEMA:
    def __init__(self, model: nn.Module, decay: float = 0.9998):
        self.ema = copy.deepcopy(model).eval()
        self.decay = decay
        for p in self.ema.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, model: nn.Module):
        msd = model.state_dict()
        for k, v in self.ema.state_dict().items():
            if v.dtype.is_floating_point:
                v.mul_(self.decay).add_(msd[k].detach(), alpha=1 - self.decay)


def train(model, loader, opt, epochs, weights_dir):
    weights_dir = Path(weights_dir)
    weights_dir.mkdir(parents=True, exist_ok=True)
    ema = ModelEMA(model)
    loss_fn = nn.SmoothL1Loss()
    for ep in range(epochs):
        model.train()
        for batch_idx, (x, target) in enumerate(loader):
            x, target = x.cuda(), target.cuda()
            opt.zero_grad()
            loss = loss_fn(model(x), target)
            loss.backward()
            opt.step()
            ema.update(model)
        torch.save(copy.deepcopy(ema.ema).half(), weights_dir / f"ema_{ep:03d}.pt")
    return ema
