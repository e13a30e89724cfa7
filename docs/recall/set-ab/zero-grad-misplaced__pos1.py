import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MLP(nn.Module):
    def __init__(self, d_in, d_hidden, d_out, p_drop=0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, d_hidden), nn.GELU(), nn.Dropout(p_drop),
            nn.Linear(d_hidden, d_hidden), nn.GELU(), nn.Dropout(p_drop),
            nn.Linear(d_hidden, d_out),
        )

    def forward(self, x):
        return self.net(x)


def fit(features, targets, epochs=100, lr=1e-3, batch_size=256):
    ds = TensorDataset(features, targets)
    loader = DataLoader(ds, batch_size=batch_size, shuffle=True)
    regressor = MLP(features.shape[1], 512, targets.shape[1])
    opt = torch.optim.Adam(regressor.parameters(), lr=lr)
    mse = nn.MSELoss()

    history = []
    regressor.train()
    for epoch in range(epochs):
        epoch_loss = 0.0
        for xb, yb in loader:
            pred = regressor(xb)
            loss = mse(pred, yb)
            loss.backward()
            opt.step()
            epoch_loss += loss.item() * xb.size(0)
        history.append(epoch_loss / len(ds))
        if epoch % 10 == 0:
            print(f"epoch {epoch:3d}  mse {history[-1]:.5f}")
    return regressor, history
