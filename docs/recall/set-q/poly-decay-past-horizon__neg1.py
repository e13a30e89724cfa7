import torch
import torch.nn.functional as F


def poly_lr(base_lr, cur_iter, max_iter, power=0.9):
    remaining = max(0.0, 1.0 - cur_iter / max(1, max_iter))
    return base_lr * remaining ** power


def set_lr(optim, lr):
    for i, group in enumerate(optim.param_groups):
        group["lr"] = lr if i == 0 else lr * 10


def train(seg_net, loader, cfg):
    optim = torch.optim.SGD(
        [
            {"params": seg_net.backbone.parameters()},
            {"params": seg_net.head.parameters()},
        ],
        lr=cfg.base_lr,
        momentum=0.9,
        weight_decay=1e-4,
    )
    iteration = 0
    for epoch in range(cfg.epochs):
        seg_net.train()
        for img, label in loader:
            lr = poly_lr(cfg.base_lr, iteration, cfg.max_iter)
            set_lr(optim, lr)
            loss = F.cross_entropy(seg_net(img), label, ignore_index=255)
            optim.zero_grad()
            loss.backward()
            optim.step()
            iteration += 1
