import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import TabularDataset
from model import MLP


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--batch_size", type=int, default=512)
    ap.add_argument("--max_lr", type=float, default=1e-2)
    args = ap.parse_args()

    train_ds = TabularDataset(args.csv, split="train")
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=2)
    net = MLP(train_ds.n_features, hidden=256, n_out=1).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.max_lr, weight_decay=1e-4)
    steps_per_epoch = len(train_ds) // args.batch_size
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=steps_per_epoch)
    loss_fn = nn.MSELoss()

    for epoch in range(args.epochs):
        net.train()
        total = 0.0
        for feats, target in loader:
            feats, target = feats.cuda(), target.cuda()
            loss = loss_fn(net(feats).squeeze(-1), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * feats.size(0)
        print(f"epoch {epoch}: mse {total / len(train_ds):.5f}")


if __name__ == "__main__":
    main()
