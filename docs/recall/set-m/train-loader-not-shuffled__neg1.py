import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class Runner:
    def __init__(self, net, splits, hp):
        self.hp = hp
        self.net = net.to(hp["device"])
        self.train_dl = self._loader(splits["train"], train=True)
        self.val_dl = self._loader(splits["val"], train=False)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=hp["lr"])
        self.crit = nn.MSELoss()

    def _loader(self, ds, train):
        return DataLoader(ds, batch_size=self.hp["batch_size"], shuffle=train,
                          drop_last=train, num_workers=self.hp["workers"], pin_memory=True)

    def _epoch(self):
        self.net.train()
        for feats, target in self.train_dl:
            feats, target = feats.to(self.hp["device"]), target.to(self.hp["device"])
            self.opt.zero_grad(set_to_none=True)
            self.crit(self.net(feats), target).backward()
            self.opt.step()

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        err, n = 0.0, 0
        for feats, target in self.val_dl:
            feats, target = feats.to(self.hp["device"]), target.to(self.hp["device"])
            err += (self.net(feats) - target).abs().sum().item()
            n += target.numel()
        return err / max(n, 1)

    def run(self):
        for ep in range(self.hp["epochs"]):
            self._epoch()
            print(f"epoch {ep}: val MAE {self._validate():.4f}")
