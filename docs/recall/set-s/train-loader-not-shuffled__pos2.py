import argparse

import torch
from torch.utils.data import DataLoader

from dataset import TabularDataset, collate_rows
from model import MLPRegressor


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--bs", type=int, default=256)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--workers", type=int, default=2)
    return ap.parse_args()


def main():
    args = parse()
    ds = TabularDataset(args.csv, split="train")
    dl = DataLoader(ds, args.bs, False, num_workers=args.workers, collate_fn=collate_rows)
    reg = MLPRegressor(ds.n_features, hidden=(256, 128)).cuda()
    opt = torch.optim.Adam(reg.parameters(), lr=args.lr)
    reg.train()
    for ep in range(args.epochs):
        sse, n = 0.0, 0
        for feats, target in dl:
            feats, target = feats.cuda(), target.cuda()
            pred = reg(feats).squeeze(-1)
            loss = torch.nn.functional.mse_loss(pred, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sse += loss.item() * target.numel()
            n += target.numel()
        print(f"epoch {ep}: train rmse {(sse / n) ** 0.5:.4f}")


if __name__ == "__main__":
    main()
