import torch
import torch.nn.functional as F


def poly_lr(base_lr, cur_iter, max_iter, power=0.9):
    return base_lr * (1 - cur_iter / max_iter) ** power


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
    max_iter = cfg.max_iter
    iteration = 0
    for epoch in range(cfg.epochs):
        seg_net.train()
        for img, label in loader:
            lr = poly_lr(cfg.base_lr, iteration, max_iter)
            set_lr(optim, lr)
            pred = seg_net(img)
            loss = F.cross_entropy(pred, label, ignore_index=255)
            optim.zero_grad()
            loss.backward()
            optim.step()
            iteration += 1
        print(f"epoch {epoch} iter {iteration} lr {lr:.6f}")
