import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class MLPRegressor(nn.Module):
    def __init__(self, in_dim, hidden=128):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(in_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.body(x).squeeze(-1)


def train(features, targets, epochs=50, lr=1e-3, batch_size=256, device="cpu"):
    ds = TensorDataset(torch.as_tensor(features, dtype=torch.float32), torch.as_tensor(targets, dtype=torch.float32))
    loader = DataLoader(ds, batch_size=batch_size, shuffle=True)
    net = MLPRegressor(ds.tensors[0].shape[1]).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = nn.MSELoss()

    for epoch in range(epochs):
        net.train()
        total = 0.0
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device)
            pred = net(x)
            loss = loss_fn(pred, y)
            loss.backward()
            opt.step()
            total += loss.item() * x.size(0)
        if epoch % 10 == 0:
            print(f"epoch {epoch:3d}  mse {total / len(ds):.5f}")
    return net
