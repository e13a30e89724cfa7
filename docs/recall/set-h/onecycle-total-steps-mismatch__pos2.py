import torch
from torch.optim.lr_scheduler import OneCycleLR


class AccumTrainer:
    def __init__(self, net, train_loader, epochs=10, peak_lr=5e-4, accum=4):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.epochs = epochs
        self.accum = accum
        self.opt = torch.optim.AdamW(net.parameters(), lr=peak_lr, weight_decay=0.01)
        self.sched = OneCycleLR(
            self.opt,
            max_lr=peak_lr,
            epochs=epochs,
            steps_per_epoch=len(train_loader) // accum,
            pct_start=0.1,
        )

    def _apply_update(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
        self.opt.step()
        self.sched.step()
        self.opt.zero_grad(set_to_none=True)

    def train(self):
        n_batches = len(self.train_loader)
        for epoch in range(self.epochs):
            self.net.train()
            for i, (x, y) in enumerate(self.train_loader):
                out = self.net(x.cuda())
                loss = torch.nn.functional.cross_entropy(out, y.cuda()) / self.accum
                loss.backward()
                # flush the leftover micro-batches at the end of the epoch as well
                if (i + 1) % self.accum == 0 or (i + 1) == n_batches:
                    self._apply_update()
            print(f"epoch {epoch} lr {self.sched.get_last_lr()[0]:.2e}")
