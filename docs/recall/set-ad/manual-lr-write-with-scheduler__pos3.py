import argparse

import torch
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from reid.datasets import Market1501
from reid.models import build_reid_net
from reid.losses import TripletLoss


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=3.5e-4)
    ap.add_argument("--n-warm", type=int, default=2000, help="linear warm-up iterations")
    ap.add_argument("--epochs", type=int, default=120)
    ap.add_argument("--step", type=int, default=40)
    return ap.parse_args()


def main():
    args = get_args()
    loader = DataLoader(Market1501("data/market", mode="train"), batch_size=64,
                        shuffle=True, num_workers=8, drop_last=True)
    net = build_reid_net("resnet50", num_classes=751).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=5e-4)
    decay = StepLR(opt, step_size=args.step, gamma=0.1)
    xent = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    triplet = TripletLoss(margin=0.3)

    n_iter = 0
    for epoch in range(args.epochs):
        net.train()
        for imgs, pids in loader:
            imgs, pids = imgs.cuda(), pids.cuda()
            for g in opt.param_groups:
                g["lr"] = args.lr * min(1.0, (n_iter + 1) / max(1, args.n_warm))
            feats, logits = net(imgs)
            loss = xent(logits, pids) + triplet(feats, pids)
            opt.zero_grad()
            loss.backward()
            opt.step()
            n_iter += 1
        decay.step()
        print(f"epoch {epoch} iter {n_iter} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": decay.state_dict(), "epoch": epoch}, "reid_last.pth")


if __name__ == "__main__":
    main()
