import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import PairedImageDataset
from arch import SwinIR


def train_one_epoch(net, loader, opt, lr_sched, epoch):
    net.train()
    total = 0.0
    for lq, gt in loader:
        lq, gt = lq.cuda(non_blocking=True), gt.cuda(non_blocking=True)
        opt.zero_grad()
        loss = F.l1_loss(net(lq), gt)
        loss.backward()
        opt.step()
        lr_sched.step()
        total += loss.item()
    print(f"epoch {epoch}: l1 {total / len(loader):.5f} lr {lr_sched.get_last_lr()[0]:.2e}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--lr", type=float, default=2e-4)
    args = parser.parse_args()

    net = SwinIR(upscale=2).cuda()
    loader = DataLoader(PairedImageDataset("DIV2K/train"), batch_size=8, shuffle=True, num_workers=8)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    lr_sched = OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=len(loader))

    for epoch in range(args.epochs):
        train_one_epoch(net, loader, opt, lr_sched, epoch)
    torch.save(net.state_dict(), "swinir_x2.pth")


if __name__ == "__main__":
    main()
