import torch
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_ds, cfg):
        self.net = net.cuda()
        self.cfg = cfg
        self.train_dl = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True,
                                   num_workers=cfg.workers, pin_memory=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        iters_per_epoch = int(len(train_ds) / cfg.batch_size)
        total = cfg.epochs * iters_per_epoch
        self.lr_sched = OneCycleLR(self.opt, max_lr=cfg.lr, total_steps=total, pct_start=0.25)
        self.criterion = torch.nn.BCEWithLogitsLoss()

    def train_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for step, (x, y) in enumerate(self.train_dl):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True).float()
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(x), y)
            loss.backward()
            self.opt.step()
            self.lr_sched.step()
            running += loss.item()
        return running / (step + 1)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch}: loss {avg:.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
