import torch
import torch.nn as nn


class PolyLR(object):
    def __init__(self, optimizer, total_iters, power=0.9, min_lr=1e-5):
        self.opt = optimizer
        self.total_iters = total_iters
        self.power = power
        self.min_lr = min_lr
        self.init_lrs = [pg["lr"] for pg in optimizer.param_groups]
        self.cur_iter = 0

    def step(self):
        self.cur_iter += 1
        frac = min(self.cur_iter, self.total_iters) / self.total_iters
        mult = (1.0 - frac) ** self.power
        for pg, lr0 in zip(self.opt.param_groups, self.init_lrs):
            pg["lr"] = max(lr0 * mult, self.min_lr)


def train_segmentation(net, loader, max_iter, device="cuda"):
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    opt = torch.optim.SGD(
        [
            {"params": net.backbone.parameters(), "lr": 0.001},
            {"params": net.classifier.parameters(), "lr": 0.01},
        ],
        momentum=0.9,
        weight_decay=1e-4,
    )
    poly = PolyLR(opt, total_iters=max_iter)
    net.train()
    it = 0
    while it < max_iter:
        for img, mask in loader:
            img = img.to(device, non_blocking=True)
            mask = mask.to(device, non_blocking=True).long()
            opt.zero_grad()
            loss = criterion(net(img)["out"], mask)
            loss.backward()
            opt.step()
            poly.step()
            it += 1
            if it % 50 == 0:
                print(f"[{it}/{max_iter}] loss={loss.item():.4f} lr={opt.param_groups[1]['lr']:.6f}")
            if it >= max_iter:
                break
    return net
