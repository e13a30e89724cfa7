import os

import torch
from torch.optim.lr_scheduler import StepLR


class Trainer:
    def __init__(self, net, train_loader, val_loader, args):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
        self.sched = StepLR(self.opt, step_size=args.lr_step, gamma=0.1)
        self.best_acc = 0.0

    def train_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            x, y = x.cuda(), y.cuda()
            loss = torch.nn.functional.cross_entropy(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = total = 0
        for x, y in self.val_loader:
            pred = self.net(x.cuda()).argmax(dim=1)
            correct += (pred == y.cuda()).sum().item()
            total += y.size(0)
        return correct / max(1, total)

    def run(self):
        for epoch in range(self.args.epochs):
            self.sched.step()
            self.train_epoch()
            acc = self.validate()
            if acc > self.best_acc:
                self.best_acc = acc
                torch.save(self.net.state_dict(), os.path.join(self.args.out, "best.pth"))
            print(f"epoch {epoch} lr {self.sched.get_last_lr()[0]:.4f} acc {acc:.4f}")
