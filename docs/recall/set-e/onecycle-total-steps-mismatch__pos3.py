import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


class TabularTrainer:
    """Trains on tensors held in memory, without a DataLoader."""

    def __init__(self, net, X, y, cfg):
        self.net = net.cuda()
        self.X = X.cuda()
        self.y = y.cuda()
        self.cfg = cfg
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.max_lr,
                                     weight_decay=cfg.wd)
        n_batches = self.X.shape[0] // cfg.batch_size
        self.sched = OneCycleLR(self.opt, max_lr=cfg.max_lr,
                                total_steps=cfg.epochs * n_batches)

    def _batches(self):
        perm = torch.randperm(self.X.shape[0], device=self.X.device)
        for start in range(0, self.X.shape[0], self.cfg.batch_size):
            idx = perm[start:start + self.cfg.batch_size]
            yield self.X[idx], self.y[idx]

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            epoch_loss = 0.0
            for xb, yb in self._batches():
                loss = F.binary_cross_entropy_with_logits(self.net(xb).squeeze(-1), yb)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
                epoch_loss += loss.item() * xb.shape[0]
            print(f"epoch {epoch} loss {epoch_loss / self.X.shape[0]:.5f}")
