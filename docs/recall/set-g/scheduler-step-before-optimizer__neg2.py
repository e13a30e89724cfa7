import torch
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=1e-4)
        self.sched = MultiStepLR(self.opt, milestones=cfg["milestones"], gamma=0.1)

    def _epoch(self):
        self.net.train()
        for imgs, labels in self.loader:
            loss = torch.nn.functional.cross_entropy(self.net(imgs), labels)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            # advance the schedule for the epoch that is about to start;
            # epoch 0 trains at the initial LR
            if epoch > 0:
                self.sched.step()
            self._epoch()
            print(f"epoch {epoch} lr {self.sched.get_last_lr()[0]:.5f}")
