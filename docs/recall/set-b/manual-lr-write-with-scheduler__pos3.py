import math

import torch
from torch.optim.lr_scheduler import LambdaLR


@torch.no_grad()
def evaluate(net, loader):
    net.eval()
    total, n = 0.0, 0
    for src, tgt in loader:
        total += net(src.cuda(), tgt.cuda()).item() * src.size(0)
        n += src.size(0)
    net.train()
    return total / n


def train(net, train_dl, val_dl, cfg):
    opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"], betas=(0.9, 0.98), eps=1e-9)
    total = cfg["epochs"] * len(train_dl)
    lr_sched = LambdaLR(opt, lambda s: 0.5 * (1.0 + math.cos(math.pi * min(s, total) / total)))
    best = math.inf
    bad_epochs = 0

    net.train()
    for epoch in range(cfg["epochs"]):
        for src, tgt in train_dl:
            loss = net(src.cuda(), tgt.cuda())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), cfg["clip"])
            opt.step()
            lr_sched.step()

        val = evaluate(net, val_dl)
        if val < best:
            best, bad_epochs = val, 0
            torch.save(net.state_dict(), "best.pt")
        else:
            bad_epochs += 1
            if bad_epochs >= cfg["patience"]:
                # validation stalled: halve the rate
                for pg in opt.param_groups:
                    pg["lr"] = pg["lr"] * 0.5
                bad_epochs = 0
        print(f"epoch {epoch} val {val:.4f} lr {opt.param_groups[0]['lr']:.2e}")
