import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def poly_lambda(max_iter, power=0.9):
    def f(it):
        frac = min(it, max_iter) / max_iter
        return max(0.0, 1.0 - frac) ** power
    return f


class Solver:
    def __init__(self, net, loader, opts):
        self.net = net
        self.loader = loader
        self.opts = opts
        self.opt = torch.optim.SGD(net.parameters(), lr=opts.lr, momentum=0.9,
                                   weight_decay=opts.weight_decay)
        self.max_iter = max(1, opts.epochs * len(loader))
        self.lr_sched = LambdaLR(self.opt, lr_lambda=poly_lambda(self.max_iter))
        self.cur_iter = 0

    def train(self):
        self.net.train()
        for epoch in range(self.opts.epochs):
            for imgs, labels in self.loader:
                imgs, labels = imgs.cuda(), labels.cuda()
                self.opt.zero_grad()
                loss = F.cross_entropy(self.net(imgs), labels, ignore_index=255)
                loss.backward()
                self.opt.step()
                self.lr_sched.step()
                self.cur_iter += 1
                if self.cur_iter % 50 == 0:
                    print(f"iter {self.cur_iter}/{self.max_iter} "
                          f"loss {loss.item():.4f} lr {self.lr_sched.get_last_lr()[0]:.6f}")
            torch.save(self.net.state_dict(), f"{self.opts.ckpt_dir}/latest.pth")
