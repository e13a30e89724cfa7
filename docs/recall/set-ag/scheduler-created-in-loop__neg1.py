import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from reid.models import ResNet50ReID
from reid.data import Market1501


def train_one_epoch(net, loader, opt, device):
    net.train()
    for imgs, pids in loader:
        imgs, pids = imgs.to(device), pids.to(device)
        loss = F.cross_entropy(net(imgs), pids, label_smoothing=0.1)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=120)
    ap.add_argument("--lr", type=float, default=3.5e-4)
    ap.add_argument("--milestones", type=int, nargs="+", default=[40, 70])
    ap.add_argument("--resume", default="")
    args = ap.parse_args()

    device = torch.device("cuda")
    loader = DataLoader(Market1501("data/market1501"), batch_size=64, shuffle=True,
                        num_workers=8, drop_last=True)
    net = ResNet50ReID(num_classes=751).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=5e-4)
    sched = MultiStepLR(opt, milestones=args.milestones, gamma=0.1)

    start_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location="cpu")
        net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        sched.load_state_dict(ckpt["scheduler"])
        start_epoch = ckpt["epoch"] + 1

    for epoch in range(start_epoch, args.epochs):
        last = train_one_epoch(net, loader, opt, device)
        sched.step()
        print(f"epoch {epoch} loss {last:.4f} lr {sched.get_last_lr()[0]:.2e}")
        torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "epoch": epoch}, "last.pth")


if __name__ == "__main__":
    main()
