import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR


def make_optim(net, cfg):
    return torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])


def make_sched(opt, cfg):
    return CosineAnnealingLR(opt, T_max=cfg["epochs"], eta_min=cfg["lr"] * 1e-3)


def train_epoch(net, loader, opt, loss_fn):
    net.train()
    total = 0.0
    for pts, labels in loader:
        pts, labels = pts.cuda(), labels.cuda()
        loss = loss_fn(net(pts), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    return total / len(loader)


def run(net, loader, cfg):
    net.cuda()
    opt = make_optim(net, cfg)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.2)
    for epoch in range(cfg["epochs"]):
        sched = make_sched(opt, cfg)
        avg = train_epoch(net, loader, opt, loss_fn)
        sched.step()
        print(f"epoch {epoch}: {avg:.4f} lr={opt.param_groups[0]['lr']:.5f}")
    return net
