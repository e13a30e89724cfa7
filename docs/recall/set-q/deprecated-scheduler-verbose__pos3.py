import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, args, net, loader):
        self.args = args
        self.net = net
        self.loader = loader
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
        self.lr_sched = CosineAnnealingLR(
            self.opt,
            T_max=args.epochs,
            eta_min=args.min_lr,
            verbose=args.log_lr,
        )

    def run_epoch(self):
        self.net.train()
        for x, y in self.loader:
            loss = torch.nn.functional.cross_entropy(self.net(x), y)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()

    def fit(self):
        for epoch in range(self.args.epochs):
            self.run_epoch()
            self.lr_sched.step()
