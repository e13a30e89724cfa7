import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs * len(loader), eta_min=cfg.min_lr)
        self.writer = SummaryWriter(cfg.log_dir)
        self.global_step = 0

    def _log(self, loss):
        self.writer.add_scalar("train/loss", loss, self.global_step)
        self.writer.add_scalar("train/lr", self.sched.get_lr()[0], self.global_step)

    def train_epoch(self):
        self.net.train()
        for batch in self.loader:
            x, y = batch["image"].cuda(), batch["mask"].cuda()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.sched.step()
            self.global_step += 1
            if self.global_step % self.cfg.log_every == 0:
                self._log(loss.item())

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.sched.state_dict(), "epoch": epoch}, "last.ckpt")
        self.writer.close()
