import torch
from torch import nn
from torch.optim.lr_scheduler import OneCycleLR


class Trainer:
    def __init__(self, model, train_dl, valid_dl, num_epochs=30, max_lr=3e-3, device="cuda"):
        self.model = model.to(device)
        self.train_dl = train_dl
        self.valid_dl = valid_dl
        self.num_epochs = num_epochs
        self.device = device
        self.loss_func = nn.BCEWithLogitsLoss()
        self.opt = torch.optim.Adam(self.model.parameters(), lr=max_lr / 25)
        self.sched = OneCycleLR(
            self.opt,
            max_lr=max_lr,
            total_steps=self.num_epochs * len(self.train_dl),
            pct_start=0.3,
        )

    def train_epoch(self):
        self.model.train()
        losses = []
        for xb, yb in self.train_dl:
            xb, yb = xb.to(self.device), yb.to(self.device).float()
            preds = self.model(xb).squeeze(1)
            loss = self.loss_func(preds, yb)
            loss.backward()
            self.opt.step()
            self.opt.zero_grad()
            losses.append(loss.item())
        return sum(losses) / len(losses)

    def valid_epoch(self):
        self.model.eval()
        losses = []
        with torch.no_grad():
            for xb, yb in self.valid_dl:
                preds = self.model(xb.to(self.device)).squeeze(1)
                losses.append(self.loss_func(preds, yb.to(self.device).float()).item())
        return sum(losses) / len(losses)

    def fit(self):
        log = []
        for ep in range(self.num_epochs):
            tr = self.train_epoch()
            va = self.valid_epoch()
            self.sched.step()
            log.append({"epoch": ep, "train": tr, "valid": va,
                        "lr": self.sched.get_last_lr()[0]})
            print(log[-1])
        return log
