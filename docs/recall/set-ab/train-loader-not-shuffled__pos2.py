from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader

from tabular import CSVDataset
from nets import ResidualMLP


@dataclass
class TrainConfig:
    train_csv: str = "data/train.csv"
    batch_size: int = 512
    num_workers: int = 4
    shuffle: bool = False
    epochs: int = 40
    lr: float = 2e-3


def run(cfg: TrainConfig):
    ds = CSVDataset(cfg.train_csv, target="label")
    dl = DataLoader(ds, batch_size=cfg.batch_size, shuffle=cfg.shuffle, num_workers=cfg.num_workers, drop_last=True)
    mlp = ResidualMLP(ds.n_features, ds.n_classes, width=256, depth=4)
    opt = torch.optim.AdamW(mlp.parameters(), lr=cfg.lr, weight_decay=1e-4)
    for epoch in range(cfg.epochs):
        mlp.train()
        total, n = 0.0, 0
        for feats, labels in dl:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(mlp(feats), labels)
            loss.backward()
            opt.step()
            total += loss.item() * labels.size(0)
            n += labels.size(0)
        print(f"epoch {epoch}: {total / n:.4f}")
    return mlp


if __name__ == "__main__":
    run(TrainConfig())
