import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, dataset, epochs=100, lr=1e-3, batch_size=256):
        self.net = net.cuda()
        self.loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)
        self.epochs = epochs
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=lr, weight_decay=0.05)
        # cosine over the whole run, counted in optimizer steps
        total_iters = epochs * len(self.loader)
        self.sched = CosineAnnealingLR(self.opt, T_max=total_iters, eta_min=1e-6)

    def train_step(self, x, y):
        loss = F.cross_entropy(self.net(x), y)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.sched.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.epochs):
            self.net.train()
            total = 0.0
            for i, (x, y) in enumerate(self.loader):
                total += self.train_step(x.cuda(), y.cuda())
            print(f"[{epoch}] loss={total / len(self.loader):.4f} lr={self.sched.get_last_lr()[0]:.2e}")
