import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


def adjust_learning_rate(opt, epoch, cfg):
    """Sets the learning rate to the initial LR decayed by 10 every cfg.lr_step epochs"""
    lr = cfg.lr * (0.1 ** (epoch // cfg.lr_step))
    for param_group in opt.param_groups:
        param_group["lr"] = lr


class Runner:
    def __init__(self, net, train_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs)
        self.crit = torch.nn.CrossEntropyLoss()

    def train_epoch(self, epoch):
        self.net.train()
        n, acc_loss = 0, 0.0
        for x, y in self.train_loader:
            x, y = x.cuda(), y.cuda()
            out = self.net(x)
            loss = self.crit(out, y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            acc_loss += loss.item()
            n += 1
        return acc_loss / max(n, 1)

    def run(self):
        for epoch in range(self.cfg.epochs):
            adjust_learning_rate(self.opt, epoch, self.cfg)
            tr_loss = self.train_epoch(epoch)
            self.lr_sched.step()
            print(f"Epoch {epoch}: loss {tr_loss:.4f} lr {self.opt.param_groups[0]['lr']:.5f}")
