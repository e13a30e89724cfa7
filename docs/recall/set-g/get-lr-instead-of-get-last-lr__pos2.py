import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.05)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=args.max_steps, eta_min=args.min_lr)
        self.writer = SummaryWriter(args.log_dir)
        self.step = 0

    def log(self, loss):
        self.writer.add_scalar("train/loss", loss, self.step)
        self.writer.add_scalar("train/lr", self.lr_sched.get_lr()[0], self.step)

    def train_step(self, batch):
        loss = self.net(batch)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        self.step += 1
        if self.step % self.args.log_every == 0:
            self.log(loss.item())

    def fit(self):
        self.net.train()
        while self.step < self.args.max_steps:
            for batch in self.loader:
                self.train_step(batch)
                if self.step >= self.args.max_steps:
                    break
        self.writer.close()
