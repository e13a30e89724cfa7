import torch
from torch import nn
from torch.optim.lr_scheduler import ExponentialLR, ReduceLROnPlateau


class Trainer:
    def __init__(self, generator: nn.Module, train_loader, val_loader, cfg):
        self.generator = generator
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt_g = torch.optim.Adam(generator.parameters(), lr=cfg["lr"], betas=(0.8, 0.99))
        if cfg.get("plateau"):
            self.lr_sched = ReduceLROnPlateau(self.opt_g, mode="min", factor=0.5, patience=3)
        else:
            self.lr_sched = ExponentialLR(self.opt_g, gamma=cfg["lr_decay"])
        self.epoch = 0
        self.recon = nn.L1Loss()

    def _train_one_epoch(self):
        self.generator.train()
        for mel, wav in self.train_loader:
            fake = self.generator(mel.cuda())
            loss = self.recon(fake, wav.cuda())
            self.opt_g.zero_grad()
            loss.backward()
            self.opt_g.step()

    @torch.no_grad()
    def _validate(self):
        self.generator.eval()
        total, n = 0.0, 0
        for mel, wav in self.val_loader:
            total += self.recon(self.generator(mel.cuda()), wav.cuda()).item()
            n += 1
        self.generator.train()
        return total / max(1, n)

    def fit(self):
        for self.epoch in range(self.cfg["epochs"]):
            self._train_one_epoch()
            val_l1 = self._validate()
            if isinstance(self.lr_sched, ReduceLROnPlateau):
                self.lr_sched.step(val_l1)
            else:
                self.lr_sched.step()
            print(f"epoch {self.epoch} val l1 {val_l1:.4f} lr {self.opt_g.param_groups[0]['lr']:.2e}")
