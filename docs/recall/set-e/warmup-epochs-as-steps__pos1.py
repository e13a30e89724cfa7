import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader

from simsiam.data import TwoCropDataset
from simsiam.models import SimSiam


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--warmup-epochs", type=int, default=10)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--bs", type=int, default=256)
    return ap.parse_args()


def main():
    args = get_args()
    loader = DataLoader(TwoCropDataset("data/imagenet100/train"), batch_size=args.bs,
                        shuffle=True, num_workers=8, drop_last=True)
    net = SimSiam(arch="resnet50", dim=2048).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr * args.bs / 256,
                          momentum=0.9, weight_decay=1e-4)
    total_steps = args.epochs * len(loader)
    warm = LinearLR(opt, start_factor=1e-3, total_iters=args.warmup_epochs)
    decay = CosineAnnealingLR(opt, T_max=total_steps, eta_min=0.0)
    sched = SequentialLR(opt, schedulers=[warm, decay],
                         milestones=[args.warmup_epochs])
    crit = nn.CosineSimilarity(dim=1)

    for epoch in range(args.epochs):
        net.train()
        for (x1, x2), _ in loader:
            p1, p2, z1, z2 = net(x1.cuda(non_blocking=True), x2.cuda(non_blocking=True))
            loss = -(crit(p1, z2).mean() + crit(p2, z1).mean()) * 0.5
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.4f}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict()}, "simsiam_last.pth")


if __name__ == "__main__":
    main()
