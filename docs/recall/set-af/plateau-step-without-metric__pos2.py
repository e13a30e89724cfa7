import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net, train_loader, val_loader, hp):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.hp = hp
        self.opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
        self.plateau = ReduceLROnPlateau(self.opt, mode="min", factor=0.5,
                                         patience=hp["patience"], min_lr=1e-7)

    def train_epoch(self):
        self.net.train()
        for step, (feats, target) in enumerate(self.train_loader):
            pred = self.net(feats.cuda())
            loss = torch.nn.functional.smooth_l1_loss(pred, target.cuda())
            self.opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
            self.opt.step()
            self.plateau.step(loss.item())

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        losses = [torch.nn.functional.smooth_l1_loss(self.net(f.cuda()), t.cuda()).item()
                  for f, t in self.val_loader]
        return sum(losses) / max(1, len(losses))

    def fit(self):
        best = float("inf")
        for epoch in range(self.hp["epochs"]):
            self.train_epoch()
            val = self.validate()
            if val < best:
                best = val
                torch.save(self.net.state_dict(), "best.pt")
            print(f"epoch {epoch}: val {val:.4f} lr {self.opt.param_groups[0]['lr']:.2e}")
