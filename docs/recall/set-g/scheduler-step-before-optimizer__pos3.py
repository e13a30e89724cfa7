import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net
        self.loader = loader
        self.args = args
        self.opt = torch.optim.Adam(net.parameters(), lr=args.lr)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=args.epochs * len(loader), eta_min=1e-6)
        self.scaler = torch.amp.GradScaler("cuda", enabled=args.amp)

    def _before_update(self):
        self.lr_sched.step()

    def train_step(self, batch):
        src, tgt = batch
        with torch.autocast("cuda", enabled=self.args.amp):
            loss = self.net(src, tgt)
        self.opt.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        self._before_update()
        self.scaler.step(self.opt)
        self.scaler.update()
        return loss.detach()

    def train(self):
        for epoch in range(self.args.epochs):
            self.net.train()
            for batch in self.loader:
                self.train_step(batch)
