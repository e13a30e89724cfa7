from bisect import bisect_right

import torch
from torch.utils.data import DataLoader


class DetectionTrainer:
    def __init__(self, net, dataset, cfg):
        self.net = net
        self.cfg = cfg
        self.loader = DataLoader(dataset, batch_size=cfg.ims_per_batch, shuffle=True,
                                 num_workers=cfg.workers, collate_fn=dataset.collate)
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.base_lr, momentum=0.9,
                                   weight_decay=cfg.weight_decay)
        self.base_lrs = [g["lr"] for g in self.opt.param_groups]
        self.iter = 0

    def _lr_scale(self, it):
        if it <= self.cfg.warmup_iters:
            return (it + 1) / max(1, self.cfg.warmup_iters)
        return self.cfg.gamma ** bisect_right(self.cfg.milestones, it)

    def _set_lr(self):
        scale = self._lr_scale(self.iter)
        for g, base in zip(self.opt.param_groups, self.base_lrs):
            g["lr"] = base * scale

    def run(self):
        self.net.train()
        while self.iter < self.cfg.max_iter:
            for images, targets in self.loader:
                self._set_lr()
                losses = self.net(images, targets)
                total = sum(losses.values())
                self.opt.zero_grad()
                total.backward()
                self.opt.step()
                self.iter += 1
                if self.iter % 20 == 0:
                    print(self.iter, {k: round(v.item(), 4) for k, v in losses.items()})
                if self.iter >= self.cfg.max_iter:
                    break
