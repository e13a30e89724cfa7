import torch
import torch.nn as nn


class PolyLR(object):
    def __init__(self, opt, max_iter, power=0.9, floor=1e-6):
        self.opt = opt
        self.max_iter = max_iter
        self.power = power
        self.floor = floor
        self.initial = [g["lr"] for g in opt.param_groups]
        self.cur_iter = 0

    def step(self):
        self.cur_iter = min(self.cur_iter + 1, self.max_iter)
        coeff = (1 - self.cur_iter / self.max_iter) ** self.power
        for g, lr0 in zip(self.opt.param_groups, self.initial):
            g["lr"] = max(self.floor, lr0 * coeff)


def train(seg_net, loader, total_iters, device="cuda"):
    opt = torch.optim.SGD(seg_net.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    poly = PolyLR(opt, max_iter=total_iters)
    criterion = nn.CrossEntropyLoss(ignore_index=255)

    seg_net.train()
    it = 0
    while it < total_iters:
        for image, label in loader:
            image, label = image.to(device), label.to(device)
            opt.zero_grad()
            loss = criterion(seg_net(image)["out"], label)
            loss.backward()
            opt.step()
            poly.step()
            it += 1
            if it >= total_iters:
                break
