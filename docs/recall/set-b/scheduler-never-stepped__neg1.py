import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import KeypointDataset
from hrnet import HRNetW32


def build_optim(net, args):
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)
    return opt, sched


def train_one_epoch(net, dl, opt, sched, epoch):
    net.train()
    mse = torch.nn.MSELoss()
    for img, target, weight in dl:
        img, target, weight = img.cuda(), target.cuda(), weight.cuda()
        loss = mse(net(img) * weight, target * weight)
        opt.zero_grad()
        loss.backward()
        opt.step()
    sched.step()
    print(f"epoch {epoch} loss {loss.item():.6f} lr {sched.get_last_lr()[0]:.2e}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=210)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--bs", type=int, default=32)
    args = ap.parse_args()
    dl = DataLoader(KeypointDataset("coco", "train2017"), batch_size=args.bs,
                    shuffle=True, num_workers=8, pin_memory=True)
    net = HRNetW32(num_joints=17).cuda()
    opt, sched = build_optim(net, args)
    for epoch in range(args.epochs):
        train_one_epoch(net, dl, opt, sched, epoch)
        torch.save(net.state_dict(), f"work_dirs/hrnet/epoch_{epoch}.pth")


if __name__ == "__main__":
    main()
