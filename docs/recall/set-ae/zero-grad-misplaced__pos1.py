import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MLP(nn.Module):
    def __init__(self, d_in, d_hidden, d_out, p_drop=0.1):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(d_in, d_hidden), nn.GELU(), nn.Dropout(p_drop),
            nn.Linear(d_hidden, d_hidden), nn.GELU(), nn.Dropout(p_drop),
            nn.Linear(d_hidden, d_out),
        )

    def forward(self, x):
        return self.body(x)


def fit_regressor(X, y, epochs=200, lr=1e-3, bs=256, device="cuda"):
    ds = TensorDataset(torch.as_tensor(X, dtype=torch.float32),
                       torch.as_tensor(y, dtype=torch.float32))
    dl = DataLoader(ds, batch_size=bs, shuffle=True, drop_last=False)
    net = MLP(X.shape[1], 512, y.shape[1]).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=1e-5)
    mse = nn.MSELoss()
    history = []
    for ep in range(epochs):
        net.train()
        epoch_loss = 0.0
        for xb, yb in dl:
            xb, yb = xb.to(device), yb.to(device)
            loss = mse(net(xb), yb)
            loss.backward()
            opt.step()
            epoch_loss += loss.item() * xb.size(0)
        history.append(epoch_loss / len(ds))
        if ep % 20 == 0:
            print(f"epoch {ep:4d}  mse {history[-1]:.5f}")
    return net, history
