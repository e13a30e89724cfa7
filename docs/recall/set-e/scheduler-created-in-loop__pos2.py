import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, encoder, loader, cfg):
        self.encoder = encoder.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(self.encoder.parameters(), lr=cfg.lr,
                                     weight_decay=cfg.weight_decay)
        self.global_step = 0

    def train_epoch(self, epoch):
        self.encoder.train()
        total_steps = self.cfg.epochs * len(self.loader)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=total_steps,
                                          eta_min=self.cfg.min_lr)
        for view1, view2 in self.loader:
            z1 = self.encoder(view1.cuda(non_blocking=True))
            z2 = self.encoder(view2.cuda(non_blocking=True))
            loss = self.encoder.contrastive_loss(z1, z2, tau=self.cfg.tau)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.lr_sched.step()
            self.global_step += 1
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            last = self.train_epoch(epoch)
            print(f"epoch {epoch} loss {last:.4f} "
                  f"lr {self.lr_sched.get_last_lr()[0]:.3e}")
            torch.save(self.encoder.state_dict(), f"encoder_{epoch}.pt")
