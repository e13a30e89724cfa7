import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def train(net, train_loader, args):
    device = torch.device("cuda")
    net.to(device)
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = MultiStepLR(opt, milestones=args.milestones, gamma=0.2)

    start_epoch = 0
    ckpt_path = os.path.join(args.out, "last.pth")
    if args.resume and os.path.isfile(ckpt_path):
        ckpt = torch.load(ckpt_path, map_location="cpu")
        net.load_state_dict(ckpt["net"])
        opt.load_state_dict(ckpt["opt"])
        lr_sched.load_state_dict(ckpt["sched"])
        start_epoch = ckpt["epoch"] + 1

    for epoch in range(start_epoch, args.epochs):
        net.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = crit(net(x), y)
            loss.backward()
            opt.step()
        lr_sched.step()
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": lr_sched.state_dict(), "epoch": epoch}, ckpt_path)
        print(f"epoch {epoch} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.4f}")
