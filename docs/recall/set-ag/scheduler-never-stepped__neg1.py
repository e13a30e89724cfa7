import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from pointnet import PointNetCls
from data import ModelNet40


def train_one_epoch(clf, loader, optim, lr_scheduler, device):
    clf.train()
    crit = nn.CrossEntropyLoss()
    for points, label in loader:
        points, label = points.transpose(2, 1).to(device), label.to(device)
        logits, _ = clf(points)
        loss = crit(logits, label)
        optim.zero_grad()
        loss.backward()
        optim.step()
        lr_scheduler.step()
    return loss.item()


def main(epochs=200, device="cuda"):
    train_set = ModelNet40("data/modelnet40", split="train", num_points=1024)
    loader = DataLoader(train_set, batch_size=32, shuffle=True, num_workers=4, drop_last=True)
    clf = PointNetCls(k=40).to(device)
    optim = torch.optim.Adam(clf.parameters(), lr=1e-3, weight_decay=1e-4)
    lr_scheduler = CosineAnnealingLR(optim, T_max=epochs * len(loader), eta_min=1e-5)

    for epoch in range(epochs):
        last = train_one_epoch(clf, loader, optim, lr_scheduler, device)
        print(f"epoch {epoch} loss {last:.4f} lr {lr_scheduler.get_last_lr()[0]:.2e}")
    torch.save(clf.state_dict(), "pointnet_cls.pth")


if __name__ == "__main__":
    main()
