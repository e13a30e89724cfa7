import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg["lr"],
                                     weight_decay=cfg["wd"])
        iters_per_epoch = len(loader)
        # schedule is per iteration: total length in optimizer steps
        self.sched = CosineAnnealingLR(
            self.opt, T_max=cfg["epochs"] * iters_per_epoch, eta_min=cfg["min_lr"]
        )
        self.crit = torch.nn.CrossEntropyLoss()
        self.global_step = 0

    def train_epoch(self, epoch):
        self.net.train()
        for step, (x, y) in enumerate(self.loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = self.crit(self.net(x), y)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.sched.step()
            self.global_step += 1
            if step % 50 == 0:
                print(f"ep {epoch} step {step} loss {loss.item():.4f} "
                      f"lr {self.sched.get_last_lr()[0]:.2e}")

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self.train_epoch(epoch)
