import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, dataset, cfg):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.loader = DataLoader(dataset, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.num_workers, drop_last=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=0.05)
        total = cfg.epochs * len(self.loader)
        warm = cfg.warmup_iters
        self.lr_sched = SequentialLR(
            self.opt,
            schedulers=[LinearLR(self.opt, start_factor=0.01, total_iters=warm),
                        CosineAnnealingLR(self.opt, T_max=max(1, total - warm))],
            milestones=[warm],
        )
        self.scaler = torch.amp.GradScaler("cuda")

    def _optimizer_step(self, loss):
        self.scaler.scale(loss).backward()
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad(set_to_none=True)
        self.lr_sched.step()

    def train_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for step, (x, y) in enumerate(self.loader):
            x, y = x.to(self.cfg.device), y.to(self.cfg.device)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = F.cross_entropy(self.net(x), y)
            self._optimizer_step(loss)
            running += loss.item()
        return running / len(self.loader)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            print(epoch, self.train_epoch(epoch))
