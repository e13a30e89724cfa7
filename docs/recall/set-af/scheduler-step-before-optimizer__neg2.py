import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def train(net, loader, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    updates_per_epoch = max(1, len(loader) // args.accum)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs * updates_per_epoch, eta_min=1e-6)
    net.train()
    for epoch in range(args.epochs):
        opt.zero_grad()
        for i, (x, y) in enumerate(loader):
            logits = net(x.cuda(non_blocking=True))
            loss = torch.nn.functional.cross_entropy(logits, y.cuda(non_blocking=True))
            (loss / args.accum).backward()
            if (i + 1) % args.accum == 0:
                torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
                opt.step()
                lr_sched.step()
                opt.zero_grad()
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.5f}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": lr_sched.state_dict()}, "ckpt.pt")
    return net
