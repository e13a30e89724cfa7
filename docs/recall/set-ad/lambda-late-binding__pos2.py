import torch
from torch.optim.lr_scheduler import LambdaLR


class MultiTaskTrainer:
    def __init__(self, trunk, heads, loaders, epochs=60, lr=5e-4, group_decays=(0.98, 0.95, 0.9)):
        self.trunk = trunk.cuda()
        self.heads = torch.nn.ModuleList(heads).cuda()
        self.loaders = loaders
        self.epochs = epochs
        self.group_decays = list(group_decays)
        groups = [{"params": self.trunk.parameters()}]
        groups += [{"params": h.parameters()} for h in self.heads]
        assert len(groups) == len(self.group_decays)
        self.opt = torch.optim.Adam(groups, lr=lr)
        self.lr_sched = LambdaLR(self.opt, [lambda e: d ** e for d in self.group_decays])

    def train_epoch(self, epoch):
        self.trunk.train()
        self.heads.train()
        totals = [0.0] * len(self.heads)
        for batches in zip(*self.loaders):
            self.opt.zero_grad()
            loss = 0.0
            for k, (x, y) in enumerate(batches):
                feats = self.trunk(x.cuda())
                task_loss = self.heads[k].loss(feats, y.cuda())
                totals[k] += task_loss.item()
                loss = loss + task_loss
            loss.backward()
            self.opt.step()
        self.lr_sched.step()
        return totals

    def fit(self):
        for epoch in range(self.epochs):
            totals = self.train_epoch(epoch)
            lrs = ", ".join(f"{lr:.2e}" for lr in self.lr_sched.get_last_lr())
            print(f"epoch {epoch} task losses {[round(t, 3) for t in totals]} lrs [{lrs}]")
