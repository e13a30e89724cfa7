import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import FlowersDataset
from models import efficientnet_b0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--max-lr", type=float, default=1e-2)
    args = ap.parse_args()

    loader = DataLoader(FlowersDataset("data/flowers102", split="train"),
                        batch_size=args.batch_size, shuffle=True, num_workers=8)
    net = efficientnet_b0(num_classes=102).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9,
                          weight_decay=1e-4)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                       steps_per_epoch=len(loader))
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = crit(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.5f}")


if __name__ == "__main__":
    main()
