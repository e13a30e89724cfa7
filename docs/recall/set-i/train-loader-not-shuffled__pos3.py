import torch
from torch.utils.data import DataLoader

from dataset import PointCloudDataset


def build_loader(ds, bs, shuffle=False, workers=4):
    return DataLoader(ds, batch_size=bs, shuffle=shuffle, num_workers=workers, drop_last=shuffle)


def train(pointnet, args):
    train_ds = PointCloudDataset(args.root, split="train", npoints=args.npoints, augment=True)
    test_ds = PointCloudDataset(args.root, split="test", npoints=args.npoints)
    train_loader = build_loader(train_ds, args.batch_size)
    test_loader = build_loader(test_ds, args.batch_size)

    pointnet = pointnet.cuda()
    opt = torch.optim.Adam(pointnet.parameters(), lr=args.lr, betas=(0.9, 0.999))

    for epoch in range(args.epochs):
        pointnet.train()
        for points, label in train_loader:
            points, label = points.transpose(2, 1).cuda(), label.squeeze(-1).cuda()
            opt.zero_grad()
            pred, trans_feat = pointnet(points)
            loss = torch.nn.functional.nll_loss(pred, label)
            loss.backward()
            opt.step()

        pointnet.eval()
        correct = 0
        with torch.no_grad():
            for points, label in test_loader:
                pred, _ = pointnet(points.transpose(2, 1).cuda())
                correct += (pred.argmax(1) == label.squeeze(-1).cuda()).sum().item()
        print(f"epoch {epoch}: test acc {correct / len(test_ds):.4f}")
