from dataclasses import dataclass, field
from typing import Dict, List, Optional

import torch


@dataclass
class RunHistory:
    train_loss: List[float] = field(default_factory=list)
    extras: Dict[str, float] = field(default_factory=dict)


def train_epoch(net, loader, opt, device, hist: Optional[RunHistory] = None, tags=("train",)):
    if hist is None:
        hist = RunHistory()
    net.train()
    running, seen = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        running += loss.item() * len(x)
        seen += len(x)
    hist.train_loss.append(running / max(seen, 1))
    for t in tags:
        hist.extras[f"{t}/last_loss"] = hist.train_loss[-1]
    return hist
