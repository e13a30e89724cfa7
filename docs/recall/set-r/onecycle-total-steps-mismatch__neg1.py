import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import TabularDataset
from model import MLP


def main(csv_path, batch_size=512, n_epochs=30, max_lr=3e-3, device="cuda"):
    train_ds = TabularDataset(csv_path, split="train")
    train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True, num_workers=2)

    net = MLP(in_dim=train_ds.n_features, hidden=512, out_dim=1).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=max_lr, weight_decay=1e-5)
    one_cycle = OneCycleLR(opt, max_lr=max_lr, epochs=n_epochs,
                           steps_per_epoch=len(train_loader))
    loss_fn = nn.MSELoss()

    for epoch in range(n_epochs):
        net.train()
        total = 0.0
        for feats, target in train_loader:
            feats, target = feats.to(device), target.to(device)
            opt.zero_grad()
            loss = loss_fn(net(feats).squeeze(-1), target)
            loss.backward()
            opt.step()
            one_cycle.step()
            total += loss.item() * feats.size(0)
        print(f"epoch {epoch}: mse {total / len(train_ds):.5f}")
    torch.save(net.state_dict(), "mlp.pt")
