import torch
from torch.optim.lr_scheduler import LambdaLR, MultiStepLR


class DetTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(
            net.parameters(), lr=cfg.base_lr, momentum=0.9, weight_decay=cfg.weight_decay
        )
        warm_iters = cfg.warm_iters

        def ramp(it):
            return min(1.0, (it + 1) / warm_iters)

        self.warm_sched = LambdaLR(self.opt, ramp)
        self.decay_sched = MultiStepLR(self.opt, milestones=cfg.lr_steps, gamma=0.1)

    def train_epoch(self, epoch):
        self.net.train()
        for i, (imgs, targets) in enumerate(self.loader):
            imgs = [im.cuda() for im in imgs]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            losses = self.net(imgs, targets)
            loss = sum(losses.values())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.warm_sched.step()
            if i % 20 == 0:
                print(f"[{epoch}][{i}/{len(self.loader)}] loss {loss.item():.4f}")

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
            self.decay_sched.step()
