import torch
from torch.optim.lr_scheduler import ExponentialLR


class WarmExponentialLR(ExponentialLR):
    def __init__(self, optimizer, gamma, warm_epochs=5, last_epoch=-1):
        self.warm_epochs = max(1, warm_epochs)
        super(WarmExponentialLR, self).__init__(optimizer, gamma, last_epoch)

    def _warm_factor(self):
        return min(1.0, (self.last_epoch + 1) / self.warm_epochs)

    def get_lr(self):
        factor = self._warm_factor()
        return [lr * factor for lr in super(WarmExponentialLR, self).get_lr()]


def main(args, net, train_loader):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    sched = WarmExponentialLR(opt, gamma=args.gamma, warm_epochs=args.warm_epochs)
    for epoch in range(args.epochs):
        net.train()
        for batch_idx, (x, y) in enumerate(train_loader):
            out = net(x.cuda())
            loss = torch.nn.functional.cross_entropy(out, y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")
