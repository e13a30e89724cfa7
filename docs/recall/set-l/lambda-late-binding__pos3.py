import torch
from torch.optim.lr_scheduler import MultiplicativeLR


class MultiTaskTrainer:
    def __init__(self, shared, heads, loader, cfg):
        self.shared = shared
        self.heads = heads
        self.loader = loader
        self.cfg = cfg
        groups = [{"params": shared.parameters(), "lr": cfg.lr}]
        groups += [{"params": h.parameters(), "lr": cfg.lr * cfg.head_mult} for h in heads.values()]
        self.opt = torch.optim.Adam(groups)
        self.gammas = [cfg.shared_gamma] + [cfg.task_gamma[name] for name in heads]

        factors = []
        for idx, _group in enumerate(self.opt.param_groups):
            def factor(epoch):
                return self.gammas[idx] if epoch > self.cfg.hold_epochs else 1.0
            factors.append(factor)
        self.lr_sched = MultiplicativeLR(self.opt, lr_lambda=factors)

    def train_epoch(self):
        self.shared.train()
        for h in self.heads.values():
            h.train()
        for x, targets in self.loader:
            feats = self.shared(x.cuda())
            loss = sum(self.heads[t](feats, y.cuda()) for t, y in targets.items())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            last = self.train_epoch()
            self.lr_sched.step()
            print(f"epoch {epoch} loss {last:.4f} lrs {self.lr_sched.get_last_lr()}")
