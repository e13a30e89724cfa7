import os

import torch
from torch.optim.lr_scheduler import ExponentialLR


def load_checkpoint(path, net, opt, sched):
    ckpt = torch.load(path, map_location="cpu")
    net.load_state_dict(ckpt["model"])
    opt.load_state_dict(ckpt["optimizer"])
    sched.load_state_dict(ckpt["scheduler"])
    return ckpt["epoch"]


def train(net, loader, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = ExponentialLR(opt, gamma=0.97)
    epoch = 0
    if args.resume and os.path.isfile(args.resume):
        epoch = load_checkpoint(args.resume, net, opt, lr_sched)

    while epoch < args.epochs:
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        epoch += 1
        lr_sched.step(epoch)
        torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": lr_sched.state_dict(), "epoch": epoch},
                   args.resume or "checkpoint.pth")
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.5f}")
