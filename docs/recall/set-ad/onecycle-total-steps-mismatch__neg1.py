import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from audio.datasets import UrbanSound8K
from audio.models import SpecCNN


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--max-lr", type=float, default=1e-2)
    p.add_argument("--fold", type=int, default=10)
    return p.parse_args()


def main():
    args = get_args()
    train_ds = UrbanSound8K("data/us8k", exclude_fold=args.fold)
    train_dl = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=4)

    cnn = SpecCNN(n_classes=10).cuda()
    opt = torch.optim.AdamW(cnn.parameters(), lr=args.max_lr, weight_decay=1e-3)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                       steps_per_epoch=len(train_dl), anneal_strategy="linear")
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        cnn.train()
        running, hits, n = 0.0, 0, 0
        for spec, label in train_dl:
            spec, label = spec.cuda(), label.cuda()
            mu, sd = spec.mean(), spec.std()
            out = cnn((spec - mu) / (sd + 1e-6))
            loss = crit(out, label)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
            hits += (out.argmax(1) == label).sum().item()
            n += label.numel()
        print(f"epoch {epoch}: loss {running / len(train_dl):.3f} acc {hits / n:.3f}")
    torch.save(cnn.state_dict(), f"speccnn_fold{args.fold}.pt")


if __name__ == "__main__":
    main()
