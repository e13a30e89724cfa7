import math

import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, net, train_loader, args):
        self.net = net
        self.loader = train_loader
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9,
                                   weight_decay=args.wd, nesterov=True)
        self.total_steps = args.epochs * len(train_loader)
        self.global_step = 0

    def _lr_at(self, step):
        progress = min(step, self.total_steps) / self.total_steps
        cos_term = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.args.min_lr + (self.args.lr - self.args.min_lr) * cos_term

    def _adjust_lr(self):
        self.global_step = 0
        lr = self._lr_at(self.global_step)
        for g in self.opt.param_groups:
            g["lr"] = lr
        self.global_step += 1
        return lr

    def train_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for i, (inputs, targets) in enumerate(self.loader):
            inputs = inputs.cuda(non_blocking=True)
            targets = targets.cuda(non_blocking=True)
            logits = self.net(inputs)
            loss = F.cross_entropy(logits, targets, label_smoothing=0.1)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            lr = self._adjust_lr()
            running += loss.item()
            if i % self.args.print_freq == 0:
                print(f"epoch {epoch} [{i}/{len(self.loader)}] "
                      f"loss {running / (i + 1):.4f} lr {lr:.5f}")
        return running / max(1, len(self.loader))

    def fit(self):
        for epoch in range(self.args.epochs):
            self.train_epoch(epoch)
            torch.save({"net": self.net.state_dict(),
                        "opt": self.opt.state_dict(),
                        "global_step": self.global_step},
                       f"{self.args.out}/last.pth")
