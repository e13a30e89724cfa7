import argparse

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import KeypointDataset
from hrnet import HRNetW32


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=210)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--out", default="work_dirs/hrnet")
    return ap.parse_args()


def main():
    args = parse()
    dl = DataLoader(KeypointDataset("coco", "train2017"), batch_size=args.bs,
                    shuffle=True, num_workers=8, pin_memory=True)
    net = HRNetW32(num_joints=17).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-6)
    mse = torch.nn.MSELoss()

    for epoch in range(args.epochs):
        net.train()
        tot = 0.0
        for img, target, weight in dl:
            img, target, weight = img.cuda(), target.cuda(), weight.cuda()
            heat = net(img)
            loss = mse(heat * weight, target * weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += loss.item()
        print(f"epoch {epoch} loss {tot / len(dl):.6f} lr {opt.param_groups[0]['lr']:.2e}")
        torch.save(net.state_dict(), f"{args.out}/epoch_{epoch}.pth")


if __name__ == "__main__":
    main()
