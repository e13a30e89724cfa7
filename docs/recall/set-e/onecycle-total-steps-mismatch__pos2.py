import itertools

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR

cfg = {"epochs": 50, "lr": 0.03, "lambda_u": 1.0, "threshold": 0.95}


def train_fixmatch(net, labeled_loader, unlabeled_loader):
    """unlabeled_loader yields (weak, strong) views and is the longer of the two."""
    net.cuda()
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9,
                          nesterov=True, weight_decay=5e-4)
    lr_sched = OneCycleLR(opt, max_lr=cfg["lr"], epochs=cfg["epochs"],
                          steps_per_epoch=len(labeled_loader), pct_start=0.05)
    for epoch in range(cfg["epochs"]):
        net.train()
        labeled_iter = itertools.cycle(labeled_loader)
        for weak, strong in unlabeled_loader:
            xl, yl = next(labeled_iter)
            xl, yl = xl.cuda(), yl.cuda()
            weak, strong = weak.cuda(), strong.cuda()

            loss_x = F.cross_entropy(net(xl), yl)
            with torch.no_grad():
                probs = torch.softmax(net(weak), dim=-1)
                conf, pseudo = probs.max(dim=-1)
                mask = (conf >= cfg["threshold"]).float()
            loss_u = (F.cross_entropy(net(strong), pseudo, reduction="none") * mask).mean()
            loss = loss_x + cfg["lambda_u"] * loss_u

            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
        print(f"epoch {epoch}: Lx {loss_x.item():.3f} Lu {loss_u.item():.3f} "
              f"mask {mask.mean().item():.2f}")
    return net
