import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from data import PascalVOCSeg
from nets import deeplab_v3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--milestones", type=int, nargs="+", default=[20, 40])
    args = parser.parse_args()

    loader = DataLoader(PascalVOCSeg("train"), batch_size=16, shuffle=True, num_workers=8, drop_last=True)
    net = deeplab_v3(num_classes=21).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss(ignore_index=255)

    for epoch in range(args.epochs):
        lr_sched = MultiStepLR(opt, milestones=args.milestones, gamma=0.1)
        net.train()
        epoch_loss = 0.0
        for img, mask in loader:
            img, mask = img.cuda(), mask.cuda()
            out = net(img)["out"]
            loss = criterion(out, mask)
            opt.zero_grad()
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        lr_sched.step()
        print(f"epoch {epoch}: loss {epoch_loss / len(loader):.4f} lr {lr_sched.get_last_lr()[0]:.5f}")

    torch.save(net.state_dict(), "deeplab_voc.pt")


if __name__ == "__main__":
    main()
