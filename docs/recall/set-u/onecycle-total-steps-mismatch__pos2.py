import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


class Trainer:
    def __init__(self, net, loader, epochs=20, peak_lr=1e-3, accum=4):
        self.net = net.cuda()
        self.loader = loader
        self.epochs = epochs
        self.accum = accum
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=peak_lr, weight_decay=0.01)
        updates_per_epoch = len(loader) // accum
        self.sched = OneCycleLR(self.opt, max_lr=peak_lr, epochs=epochs, steps_per_epoch=updates_per_epoch,
                                pct_start=0.1)

    def _apply_update(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
        self.opt.step()
        self.sched.step()
        self.opt.zero_grad(set_to_none=True)

    def train_epoch(self, epoch):
        self.net.train()
        n_batches = len(self.loader)
        for i, (wave, label) in enumerate(self.loader):
            loss = F.cross_entropy(self.net(wave.cuda()), label.cuda()) / self.accum
            loss.backward()
            if (i + 1) % self.accum == 0 or (i + 1) == n_batches:
                self._apply_update()
        print(f"epoch {epoch} lr {self.sched.get_last_lr()[0]:.2e}")

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch(epoch)
