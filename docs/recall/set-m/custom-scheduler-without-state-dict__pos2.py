import torch
import torch.nn as nn


class PolyLR(object):
    def __init__(self, opt, max_iter, power=0.9, warm=0, warm_ratio=0.1):
        self.opt = opt
        self.max_iter = max(1, max_iter)
        self.power = power
        self.warm = warm
        self.warm_ratio = warm_ratio
        self.init_lrs = [pg["lr"] for pg in opt.param_groups]
        self.cur_iter = 0
        self._apply()

    def rate(self):
        if self.cur_iter < self.warm:
            alpha = (self.cur_iter + 1) / self.warm
            return self.warm_ratio * (1 - alpha) + alpha
        remain = max(0.0, 1.0 - self.cur_iter / self.max_iter)
        return remain ** self.power

    def _apply(self):
        r = self.rate()
        for pg, lr0 in zip(self.opt.param_groups, self.init_lrs):
            pg["lr"] = lr0 * r

    def step(self):
        self.cur_iter += 1
        self._apply()


def train_segmentation(net, loader, epochs, base_lr=0.01, device="cuda"):
    net = net.to(device)
    crit = nn.CrossEntropyLoss(ignore_index=255)
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = PolyLR(opt, max_iter=epochs * len(loader), warm=500)
    for ep in range(epochs):
        net.train()
        for it, (img, lbl) in enumerate(loader):
            img, lbl = img.to(device), lbl.to(device)
            opt.zero_grad()
            out = net(img)
            loss = crit(out, lbl)
            loss.backward()
            opt.step()
            lr_sched.step()
            if it % 50 == 0:
                print(ep, it, loss.item(), opt.param_groups[0]["lr"])
    return net
