import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class Hparams:
    lr: float = 3e-4
    epochs: int = 120
    warm_epochs: int = 5
    stall_patience: int = 5
    stall_factor: float = 0.5


class SpeechTrainer:
    def __init__(self, acoustic_model, train_dl, dev_dl, hp: Hparams):
        self.am = acoustic_model
        self.train_dl = train_dl
        self.dev_dl = dev_dl
        self.hp = hp
        self.ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
        self.opt = torch.optim.Adam(self.am.parameters(), lr=hp.lr, betas=(0.9, 0.98))
        self.lr_sched = LambdaLR(self.opt, self._factor)
        self.best = float("inf")
        self.stalled = 0

    def _factor(self, epoch):
        if epoch < self.hp.warm_epochs:
            return (epoch + 1) / self.hp.warm_epochs
        t = (epoch - self.hp.warm_epochs) / max(1, self.hp.epochs - self.hp.warm_epochs)
        return 0.5 * (1.0 + math.cos(math.pi * min(t, 1.0)))

    def _loss(self, feats, feat_lens, labels, label_lens):
        log_probs = self.am(feats.cuda()).log_softmax(-1).transpose(0, 1)
        return self.ctc(log_probs, labels.cuda(), feat_lens, label_lens)

    def _epoch(self):
        self.am.train()
        for batch in self.train_dl:
            loss = self._loss(*batch)
            self.opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.am.parameters(), 5.0)
            self.opt.step()

    @torch.no_grad()
    def _dev_loss(self):
        self.am.eval()
        vals = [self._loss(*batch).item() for batch in self.dev_dl]
        return sum(vals) / len(vals)

    def fit(self):
        for epoch in range(self.hp.epochs):
            self._epoch()
            self.lr_sched.step()
            dev = self._dev_loss()
            if dev < self.best:
                self.best, self.stalled = dev, 0
                torch.save(self.am.state_dict(), "am_best.pt")
            else:
                self.stalled += 1
            if self.stalled >= self.hp.stall_patience:
                for group in self.opt.param_groups:
                    group["lr"] = group["lr"] * self.hp.stall_factor
                self.stalled = 0
            print(f"epoch {epoch} dev {dev:.4f} lr {self.opt.param_groups[0]['lr']:.2e}")
