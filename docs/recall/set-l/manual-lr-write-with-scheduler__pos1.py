import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import KeypointDataset
from models import HRNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=210)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--warm-epochs", type=int, default=3)
    args = ap.parse_args()

    net = HRNet(num_joints=17).cuda()
    loader = DataLoader(KeypointDataset("coco/train"), batch_size=args.batch_size,
                        shuffle=True, num_workers=8, drop_last=True)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)
    warm_iters = args.warm_epochs * len(loader)
    crit = torch.nn.MSELoss()

    it = 0
    for epoch in range(args.epochs):
        net.train()
        for imgs, heatmaps in loader:
            if it < warm_iters:
                for g in opt.param_groups:
                    g["lr"] = args.lr * (it + 1) / warm_iters
            opt.zero_grad()
            loss = crit(net(imgs.cuda()), heatmaps.cuda())
            loss.backward()
            opt.step()
            it += 1
        sched.step()
        print(f"epoch {epoch} loss {loss.item():.5f} lr {opt.param_groups[0]['lr']:.2e}")


if __name__ == "__main__":
    main()
