import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.accum = cfg["accum"]
        self.epochs = cfg["epochs"]
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg["lr"],
                                   momentum=0.9, weight_decay=1e-4)
        updates = cfg["epochs"] * (len(loader) // self.accum)
        self.sched = CosineAnnealingLR(self.opt, T_max=updates)
        self.micro = 0

    def _optimizer_step(self):
        self.opt.step()
        self.sched.step()
        self.opt.zero_grad(set_to_none=True)

    def fit(self):
        self.net.train()
        for epoch in range(self.epochs):
            for imgs, targets in self.loader:
                imgs, targets = imgs.cuda(), targets.cuda()
                loss = self.net.loss(imgs, targets) / self.accum
                loss.backward()
                self.micro += 1
                if self.micro % self.accum:
                    continue
                self._optimizer_step()
            print(f"epoch {epoch} lr {self.sched.get_last_lr()[0]:.4f}")
