import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MLP(nn.Module):
    def __init__(self, d_in, d_hidden, d_out):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, d_hidden),
            nn.ReLU(),
            nn.Linear(d_hidden, d_out),
        )

    def forward(self, x):
        return self.net(x)


def train_regressor(features, targets, epochs=200, lr=1e-3, batch_size=128):
    ds = TensorDataset(features, targets)
    dl = DataLoader(ds, batch_size=batch_size, shuffle=True)
    reg = MLP(features.shape[1], 256, targets.shape[1])
    opt = torch.optim.Adam(reg.parameters(), lr=lr)
    mse = nn.MSELoss()
    history = []
    for epoch in range(epochs):
        reg.train()
        epoch_loss = 0.0
        for xb, yb in dl:
            pred = reg(xb)
            loss = mse(pred, yb)
            loss.backward()
            opt.step()
            epoch_loss += loss.item() * xb.size(0)
        history.append(epoch_loss / len(ds))
        if epoch % 20 == 0:
            print(f"epoch {epoch:4d}  mse {history[-1]:.5f}")
    return reg, history
