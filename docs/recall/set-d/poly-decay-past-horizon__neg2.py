import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import PolynomialLR
from torch.utils.data import DataLoader


class SegTrainer:
    def __init__(self, net, dataset, cfg):
        self.net = net
        self.cfg = cfg
        self.loader = DataLoader(dataset, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.workers, drop_last=True)
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        total = cfg.epochs * len(self.loader)
        self.lr_sched = PolynomialLR(self.opt, total_iters=total, power=0.9)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for img, target in self.loader:
                loss = F.cross_entropy(self.net(img), target, ignore_index=255)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.lr_sched.step()
            print(f"epoch {epoch} lr {self.lr_sched.get_last_lr()[0]:.6f}")
