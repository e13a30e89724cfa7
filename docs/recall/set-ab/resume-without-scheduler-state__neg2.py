import os
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from dataset import SpectrogramDataset
from net import ConvClassifier


@dataclass
class Config:
    data_root: str = "data/speech_commands"
    lr: float = 3e-4
    batch_size: int = 64
    epochs: int = 30
    ckpt: str = "checkpoints/kws.pt"


def run(cfg: Config):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    clf = ConvClassifier(n_classes=35).to(device)
    adam = torch.optim.Adam(clf.parameters(), lr=cfg.lr)
    loader = DataLoader(SpectrogramDataset(cfg.data_root, "train"), batch_size=cfg.batch_size,
                        shuffle=True, num_workers=2, drop_last=True)

    first_epoch = 0
    if os.path.exists(cfg.ckpt):
        blob = torch.load(cfg.ckpt, map_location=device)
        clf.load_state_dict(blob["clf"])
        adam.load_state_dict(blob["adam"])
        first_epoch = blob["epoch"] + 1

    for ep in range(first_epoch, cfg.epochs):
        clf.train()
        seen, loss_sum = 0, 0.0
        for feats, labels in loader:
            feats, labels = feats.to(device), labels.to(device)
            adam.zero_grad()
            loss = F.cross_entropy(clf(feats), labels)
            loss.backward()
            adam.step()
            loss_sum += loss.item() * labels.size(0)
            seen += labels.size(0)
        print(f"epoch {ep} train loss {loss_sum / seen:.4f}")
        os.makedirs(os.path.dirname(cfg.ckpt), exist_ok=True)
        torch.save({"clf": clf.state_dict(), "adam": adam.state_dict(), "epoch": ep}, cfg.ckpt)


if __name__ == "__main__":
    run(Config())
