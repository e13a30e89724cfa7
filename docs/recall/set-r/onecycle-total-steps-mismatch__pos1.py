import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import TabularDataset
from model import MLP

BATCH_SIZE = 512
EPOCHS = 30
MAX_LR = 3e-3


def main(csv_path, device="cuda"):
    train_ds = TabularDataset(csv_path, split="train")
    train_loader = DataLoader(train_ds, batch_size=BATCH_SIZE, shuffle=True, num_workers=2)

    net = MLP(in_dim=train_ds.n_features, hidden=512, out_dim=1).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=MAX_LR, weight_decay=1e-5)
    steps_per_epoch = len(train_ds) // BATCH_SIZE
    sched = OneCycleLR(opt, max_lr=MAX_LR, epochs=EPOCHS, steps_per_epoch=steps_per_epoch)
    loss_fn = nn.MSELoss()

    for epoch in range(EPOCHS):
        net.train()
        total = 0.0
        for feats, target in train_loader:
            feats, target = feats.to(device), target.to(device)
            opt.zero_grad()
            loss = loss_fn(net(feats).squeeze(-1), target)
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * feats.size(0)
        print(f"epoch {epoch}: mse {total / len(train_ds):.5f}")
    torch.save(net.state_dict(), "mlp.pt")
