import torch
from torch.utils.data import DataLoader

from datasets import PointCloudDataset


def build_loaders(cfg):
    train = PointCloudDataset(cfg.root, split="train", n_points=cfg.n_points)
    test = PointCloudDataset(cfg.root, split="test", n_points=cfg.n_points)
    train_dl = DataLoader(train, cfg.batch_size, shuffle=True, num_workers=cfg.workers, drop_last=True)
    test_dl = DataLoader(test, cfg.batch_size, num_workers=cfg.workers)
    return train_dl, test_dl


def train(pointnet, cfg):
    train_dl, test_dl = build_loaders(cfg)
    opt = torch.optim.Adam(pointnet.parameters(), lr=cfg.lr, weight_decay=1e-4)
    pointnet.cuda()
    for epoch in range(cfg.epochs):
        pointnet.train()
        for pts, cls in train_dl:
            pts, cls = pts.cuda().transpose(2, 1), cls.cuda()
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(pointnet(pts), cls)
            loss.backward()
            opt.step()

        pointnet.eval()
        hit = 0
        with torch.no_grad():
            for pts, cls in test_dl:
                hit += (pointnet(pts.cuda().transpose(2, 1)).argmax(-1).cpu() == cls).sum().item()
        print(f"epoch {epoch}: test acc {hit / len(test_dl.dataset):.4f}")
