import torch
from torch import nn


class PolyLR(object):
    def __init__(self, opt, max_iter, power=0.9, last_iter=-1):
        self.opt = opt
        self.max_iter = max_iter
        self.power = power
        self.last_iter = last_iter
        self.init_lrs = [group["lr"] for group in opt.param_groups]

    def get_lr(self):
        t = min(max(self.last_iter, 0), self.max_iter)
        scale = (1.0 - t / self.max_iter) ** self.power
        return [lr * scale for lr in self.init_lrs]

    def step(self):
        self.last_iter += 1
        for group, lr in zip(self.opt.param_groups, self.get_lr()):
            group["lr"] = lr


def train(net, loader, max_iter, base_lr=0.01):
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = PolyLR(opt, max_iter)
    crit = nn.CrossEntropyLoss(ignore_index=255)
    it = 0
    net.train()
    while it < max_iter:
        for img, target in loader:
            img, target = img.cuda(non_blocking=True), target.cuda(non_blocking=True)
            opt.zero_grad()
            loss = crit(net(img), target)
            loss.backward()
            opt.step()
            lr_sched.step()
            it += 1
            if it % 50 == 0:
                print(f"iter {it}/{max_iter} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.6f}")
            if it >= max_iter:
                break
    return net
