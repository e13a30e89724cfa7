import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, hp):
        self.hp = hp
        self.net = net.cuda()
        self.loader = DataLoader(train_set, batch_size=hp["micro_bs"], shuffle=True,
                                 num_workers=4)
        self.accum = hp["accum"]
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=hp["max_lr"], weight_decay=0.01)
        updates_per_epoch = len(self.loader) // self.accum
        self.sched = OneCycleLR(self.opt, max_lr=hp["max_lr"],
                                total_steps=hp["epochs"] * updates_per_epoch)
        self.crit = nn.BCEWithLogitsLoss()

    def _epoch(self, epoch):
        self.net.train()
        n = len(self.loader)
        self.opt.zero_grad()
        for i, (x, y) in enumerate(self.loader):
            logits = self.net(x.cuda())
            loss = self.crit(logits, y.cuda().float()) / self.accum
            loss.backward()
            if (i + 1) % self.accum == 0 or (i + 1) == n:
                nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
                self.opt.step()
                self.sched.step()
                self.opt.zero_grad()
        return loss.item() * self.accum

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            last = self._epoch(epoch)
            print(f"epoch {epoch} loss {last:.4f} lr {self.sched.get_last_lr()[0]:.2e}")
