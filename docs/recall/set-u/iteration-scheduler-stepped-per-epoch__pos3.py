from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LinearLR
from torch.utils.data import DataLoader


@dataclass
class TrainConfig:
    epochs: int = 50
    lr: float = 1e-3
    batch_size: int = 16
    end_factor: float = 0.0


def train_segmenter(net, dataset, cfg: TrainConfig, device="cuda"):
    loader = DataLoader(dataset, batch_size=cfg.batch_size, shuffle=True, num_workers=4, drop_last=True)
    total_updates = cfg.epochs * len(loader)
    net_opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
    decay = LinearLR(net_opt, start_factor=1.0, end_factor=cfg.end_factor, total_iters=total_updates)

    net.to(device)
    ep = 0
    while ep < cfg.epochs:
        net.train()
        epoch_loss = 0.0
        for img, mask in loader:
            img, mask = img.to(device), mask.to(device)
            pred = net(img)
            loss = F.binary_cross_entropy_with_logits(pred, mask)
            net_opt.zero_grad()
            loss.backward()
            net_opt.step()
            epoch_loss += loss.item()
        decay.step()
        ep += 1
        print(f"ep {ep}: {epoch_loss / len(loader):.4f}")
    return net
