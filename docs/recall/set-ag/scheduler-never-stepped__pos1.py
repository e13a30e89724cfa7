import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from pointnet import PointNetCls
from data import ModelNet40

cfg = {
    "epochs": 200,
    "batch_size": 32,
    "lr": 1e-3,
    "num_points": 1024,
}


def main(device="cuda"):
    train_set = ModelNet40("data/modelnet40", split="train", num_points=cfg["num_points"])
    loader = DataLoader(train_set, batch_size=cfg["batch_size"], shuffle=True,
                        num_workers=4, drop_last=True)
    clf = PointNetCls(k=40).to(device)
    optim = torch.optim.Adam(clf.parameters(), lr=cfg["lr"], betas=(0.9, 0.999), weight_decay=1e-4)
    sched = CosineAnnealingLR(optim, T_max=cfg["epochs"], eta_min=1e-5)

    epoch = 0
    while epoch < cfg["epochs"]:
        clf.train()
        correct, seen = 0, 0
        for points, label in loader:
            points, label = points.transpose(2, 1).to(device), label.to(device)
            logits, trans_feat = clf(points)
            loss = F.cross_entropy(logits, label)
            optim.zero_grad()
            loss.backward()
            optim.step()
            correct += (logits.argmax(-1) == label).sum().item()
            seen += label.numel()
        print(f"epoch {epoch} train acc {correct / seen:.4f}")
        epoch += 1
    torch.save(clf.state_dict(), "pointnet_cls.pth")


if __name__ == "__main__":
    main()
