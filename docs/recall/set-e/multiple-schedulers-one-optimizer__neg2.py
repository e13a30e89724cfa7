import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net.cuda()
        self.loader = loader
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9,
                                   weight_decay=args.wd)
        # linear ramp for the first n_warm epochs, cosine afterwards;
        # only one of the two is advanced in any given epoch
        self.ramp = LinearLR(self.opt, start_factor=0.1, total_iters=args.n_warm)
        self.cos = CosineAnnealingLR(self.opt,
                                     T_max=max(1, args.epochs - args.n_warm))

    def _epoch(self):
        self.net.train()
        for x, y in self.loader:
            x, y = x.cuda(), y.cuda()
            loss = self.net.loss(x, y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.args.epochs):
            last = self._epoch()
            if epoch < self.args.n_warm:
                self.ramp.step()
            else:
                self.cos.step()
            print(f"epoch {epoch} loss {last:.4f} "
                  f"lr {self.opt.param_groups[0]['lr']:.4f}")
