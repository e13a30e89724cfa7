import torch
from torch.optim import lr_scheduler


class RegressionTrainer:
    def __init__(self, net, train_loader, val_loader, hp):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.hp = hp
        self.opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
        self.sched = lr_scheduler.ReduceLROnPlateau(self.opt, factor=hp.get("factor", 0.5),
                                                    patience=hp.get("patience", 3))

    def _train_epoch(self):
        self.net.train()
        for feats, target in self.train_loader:
            pred = self.net(feats)
            loss = torch.nn.functional.smooth_l1_loss(pred, target)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.sched.step(loss.item())

    @torch.no_grad()
    def _val_epoch(self):
        self.net.eval()
        errs = [torch.nn.functional.l1_loss(self.net(f), t).item() for f, t in self.val_loader]
        return sum(errs) / max(1, len(errs))

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            self._train_epoch()
            val = self._val_epoch()
            print(f"epoch {epoch} val_mae {val:.4f} lr {self.opt.param_groups[0]['lr']:.2e}")
