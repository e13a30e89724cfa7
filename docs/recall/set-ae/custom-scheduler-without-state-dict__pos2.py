import torch
import torch.nn as nn


class PolyLR(object):
    def __init__(self, opt, max_iter, power=0.9, warm_iter=0, warm_ratio=0.1):
        self.opt = opt
        self.max_iter = max_iter
        self.power = power
        self.warm_iter = warm_iter
        self.warm_ratio = warm_ratio
        self.init_lrs = [g["lr"] for g in opt.param_groups]
        self.it = 0
        self._update()

    def get_lr(self):
        if self.it < self.warm_iter:
            alpha = (self.it + 1) / self.warm_iter
            scale = self.warm_ratio + (1.0 - self.warm_ratio) * alpha
        else:
            t = min(self.it, self.max_iter)
            scale = (1.0 - t / self.max_iter) ** self.power
        return [lr * scale for lr in self.init_lrs]

    def _update(self):
        for g, lr in zip(self.opt.param_groups, self.get_lr()):
            g["lr"] = lr

    def step(self):
        self.it += 1
        self._update()


def train_segmentation(net, train_loader, args):
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = PolyLR(opt, max_iter=args.max_iter, power=0.9, warm_iter=args.warm_iter)
    net.train()
    it = 0
    while it < args.max_iter:
        for images, masks in train_loader:
            images, masks = images.cuda(), masks.cuda()
            out = net(images)
            loss = criterion(out, masks)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            it += 1
            if it % 50 == 0:
                print(f"iter {it}/{args.max_iter} loss {loss.item():.4f}")
            if it >= args.max_iter:
                break
    return net
