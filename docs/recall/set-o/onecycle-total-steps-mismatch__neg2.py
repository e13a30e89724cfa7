import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from unet import UNet, CarvanaDataset


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--bs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    ds = CarvanaDataset("data/imgs", "data/masks", scale=0.5)
    loader = DataLoader(ds, batch_size=args.bs, shuffle=True, num_workers=4, drop_last=True)
    net = UNet(n_channels=3, n_classes=1).cuda()
    opt = torch.optim.RMSprop(net.parameters(), lr=args.lr, weight_decay=1e-8, momentum=0.9)
    iters_per_epoch = len(ds) // args.bs
    sched = OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=iters_per_epoch)

    for epoch in range(args.epochs):
        net.train()
        for imgs, masks in loader:
            imgs, masks = imgs.cuda(), masks.cuda().float()
            pred = net(imgs)
            loss = F.binary_cross_entropy_with_logits(pred.squeeze(1), masks)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
        torch.save(net.state_dict(), f"unet_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
