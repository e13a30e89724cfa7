import torch
import torch.nn as nn


def poly_lr(base_lr, cur_iter, max_iter, power=0.9, min_lr=0.0):
    frac = max(0.0, 1.0 - cur_iter / max_iter)
    return max(min_lr, base_lr * frac ** power)


def train(net, loader, max_iter, base_lr=0.007, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=4e-5)
    crit = nn.CrossEntropyLoss(ignore_index=255)
    it = 0
    while it < max_iter:
        net.train()
        for images, masks in loader:
            lr = poly_lr(base_lr, it, max_iter)
            for g in opt.param_groups:
                g["lr"] = lr
            loss = crit(net(images.to(device)), masks.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
            if it >= max_iter:
                break
