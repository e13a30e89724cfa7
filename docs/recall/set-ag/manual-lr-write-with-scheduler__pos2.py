import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, policy_net, train_set, val_set, hp):
        self.hp = hp
        self.policy = policy_net.cuda()
        self.train_dl = DataLoader(train_set, batch_size=hp["bs"], shuffle=True, drop_last=True)
        self.val_dl = DataLoader(val_set, batch_size=hp["bs"])
        self.opt = torch.optim.AdamW(self.policy.parameters(), lr=hp["lr"], weight_decay=1e-4)
        self.cycle = OneCycleLR(self.opt, max_lr=hp["lr"], epochs=hp["epochs"],
                                steps_per_epoch=len(self.train_dl))
        self.loss_fn = nn.SmoothL1Loss()
        self.best, self.stale, self.n_drops = float("inf"), 0, 0

    def _drop_lr(self):
        self.n_drops += 1
        for pg in self.opt.param_groups:
            pg["lr"] = self.hp["lr"] * (0.5 ** self.n_drops)

    def _epoch(self):
        self.policy.train()
        for obs, act in self.train_dl:
            obs, act = obs.cuda(), act.cuda()
            loss = self.loss_fn(self.policy(obs), act)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.cycle.step()

    @torch.no_grad()
    def _val(self):
        self.policy.eval()
        losses = [self.loss_fn(self.policy(o.cuda()), a.cuda()).item() for o, a in self.val_dl]
        return sum(losses) / len(losses)

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            self._epoch()
            v = self._val()
            if v < self.best:
                self.best, self.stale = v, 0
            else:
                self.stale += 1
            if self.stale >= self.hp["patience"]:
                self._drop_lr()
                self.stale = 0
            print(f"epoch {epoch} val {v:.4f} drops {self.n_drops}")
