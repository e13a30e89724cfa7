import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from datasets_local import TabularDataset
from model import MLP


def make_loader(dataset, batch_size, shuffle=False, workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle,
                      num_workers=workers, pin_memory=torch.cuda.is_available())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-csv", required=True)
    ap.add_argument("--bs", type=int, default=256)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_ds = TabularDataset(args.train_csv)
    train_dl = make_loader(train_ds, args.bs)
    net = MLP(train_ds.n_features, hidden=512, out=train_ds.n_classes).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)

    for ep in range(args.epochs):
        net.train()
        tot, n = 0.0, 0
        for feats, label in train_dl:
            feats, label = feats.to(device), label.to(device)
            opt.zero_grad()
            loss = F.cross_entropy(net(feats), label)
            loss.backward()
            opt.step()
            tot += loss.item() * label.size(0)
            n += label.size(0)
        print(f"epoch {ep}: train loss {tot / n:.4f}")


if __name__ == "__main__":
    main()
