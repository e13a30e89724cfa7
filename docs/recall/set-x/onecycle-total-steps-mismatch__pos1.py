import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import KeypointDataset
from model import HourglassNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--batch-size", type=int, default=24)
    ap.add_argument("--max-lr", type=float, default=2.5e-3)
    args = ap.parse_args()

    train_set = KeypointDataset("data/train.json", augment=True)
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=8, pin_memory=True)
    net = HourglassNet(n_stacks=2, n_joints=17).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.max_lr / 25, weight_decay=1e-4)
    steps_per_epoch = len(train_set) // args.batch_size
    lr_sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                          steps_per_epoch=steps_per_epoch, pct_start=0.25)
    mse = nn.MSELoss()

    for epoch in range(args.epochs):
        net.train()
        for i, (img, heatmaps) in enumerate(loader):
            outs = net(img.cuda(non_blocking=True))
            target = heatmaps.cuda(non_blocking=True)
            loss = sum(mse(o, target) for o in outs)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            lr_sched.step()
            if i % 50 == 0:
                print(f"epoch {epoch} it {i}/{steps_per_epoch} loss {loss.item():.5f}")
        torch.save(net.state_dict(), f"hg_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
