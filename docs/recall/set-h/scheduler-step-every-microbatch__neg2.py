import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class AccumTrainer:
    def __init__(self, net, loader, epochs, lr=3e-4, accum=4, clip=1.0):
        self.net = net
        self.loader = loader
        self.epochs = epochs
        self.accum = accum
        self.clip = clip
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
        self.updates_per_epoch = len(loader) // accum
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=epochs * self.updates_per_epoch)

    def _optimizer_step(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.clip)
        self.opt.step()
        self.lr_sched.step()
        self.opt.zero_grad(set_to_none=True)

    def fit(self):
        self.net.train()
        for ep in range(self.epochs):
            micro = 0
            it = iter(self.loader)
            while micro < self.updates_per_epoch * self.accum:
                x, y = next(it)
                loss = torch.nn.functional.mse_loss(self.net(x.cuda()), y.cuda())
                (loss / self.accum).backward()
                micro += 1
                if micro % self.accum == 0:
                    self._optimizer_step()
            print(f"epoch {ep}: lr {self.lr_sched.get_last_lr()[0]:.2e}")
