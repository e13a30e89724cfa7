import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, train_dl, val_dl, hp):
        self.net = net.cuda()
        self.train_dl = train_dl
        self.val_dl = val_dl
        self.hp = hp
        self.opt = torch.optim.Adam(self.net.parameters(), lr=hp["lr"])
        self.lr_sched = LambdaLR(self.opt, lambda ep: 0.97 ** ep)
        self.best = float("inf")
        self.bad_epochs = 0

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        total = sum(F.l1_loss(self.net(x.cuda()), y.cuda()).item()
                    for x, y in self.val_dl)
        self.net.train()
        return total / len(self.val_dl)

    def _on_plateau(self):
        for pg in self.opt.param_groups:
            pg["lr"] *= 0.5
        self.bad_epochs = 0

    def fit(self):
        self.net.train()
        for epoch in range(self.hp["epochs"]):
            for x, y in self.train_dl:
                loss = F.l1_loss(self.net(x.cuda()), y.cuda())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
            val = self.validate()
            if val < self.best:
                self.best, self.bad_epochs = val, 0
                torch.save(self.net.state_dict(), "best.pt")
            else:
                self.bad_epochs += 1
                if self.bad_epochs >= self.hp["patience"]:
                    self._on_plateau()
            print(f"epoch {epoch} val {val:.4f} lr {self.opt.param_groups[0]['lr']:.2e}")
