import torch
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_ds, cfg):
        self.net = net.cuda()
        self.cfg = cfg
        # drop_last: every epoch takes exactly len(train_ds) // batch_size steps
        self.train_dl = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True,
                                   num_workers=cfg.workers, drop_last=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        iters_per_epoch = len(train_ds) // cfg.batch_size
        assert iters_per_epoch == len(self.train_dl)
        self.lr_sched = OneCycleLR(self.opt, max_lr=cfg.lr, total_steps=cfg.epochs * iters_per_epoch)
        self.criterion = torch.nn.BCEWithLogitsLoss()

    def train_epoch(self):
        self.net.train()
        running = 0.0
        for x, y in self.train_dl:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True).float()
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(x), y)
            loss.backward()
            self.opt.step()
            self.lr_sched.step()
            running += loss.item()
        return running / len(self.train_dl)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            print(f"epoch {epoch}: loss {self.train_epoch():.4f}")
