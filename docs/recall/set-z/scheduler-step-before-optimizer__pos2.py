import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


class Trainer:
    def __init__(self, net, train_loader, args):
        self.net = net
        self.train_loader = train_loader
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
        n_warm = args.n_warm
        warm = LinearLR(self.opt, start_factor=0.01, total_iters=max(1, n_warm))
        main = CosineAnnealingLR(self.opt, T_max=max(1, args.epochs - n_warm), eta_min=args.lr * 1e-3)
        self.lr_sched = SequentialLR(self.opt, schedulers=[warm, main], milestones=[n_warm])
        self.crit = torch.nn.CrossEntropyLoss()

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for i, (x, y) in enumerate(self.train_loader):
            loss = self.crit(self.net(x.cuda()), y.cuda())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
        return total / max(1, len(self.train_loader))

    def fit(self):
        for epoch in range(self.args.epochs):
            self.lr_sched.step()
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch} loss {avg:.4f} lr {self.lr_sched.get_last_lr()[0]:.5f}")
