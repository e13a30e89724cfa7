import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MLP(nn.Module):
    def __init__(self, d_in, d_hidden, d_out, p_drop=0.1):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(d_in, d_hidden), nn.ReLU(), nn.Dropout(p_drop),
            nn.Linear(d_hidden, d_hidden), nn.ReLU(), nn.Dropout(p_drop),
            nn.Linear(d_hidden, d_out),
        )

    def forward(self, x):
        return self.body(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--lr", type=float, default=3e-4)
    args = ap.parse_args()

    blob = torch.load(args.data)
    ds = TensorDataset(blob["x"], blob["y"])
    dl = DataLoader(ds, batch_size=512, shuffle=True, drop_last=True)

    regressor = MLP(blob["x"].shape[1], 256, blob["y"].shape[1]).cuda()
    adam = torch.optim.Adam(regressor.parameters(), lr=args.lr)
    mse = nn.MSELoss()

    regressor.train()
    adam.zero_grad()
    for ep in range(args.epochs):
        for xb, yb in dl:
            pred = regressor(xb.cuda())
            loss = mse(pred, yb.cuda())
            loss.backward()
            adam.step()
        if ep % 10 == 0:
            print(f"epoch {ep:4d}  mse {loss.item():.5f}")
    torch.save(regressor.state_dict(), "mlp_regressor.pt")


if __name__ == "__main__":
    main()
