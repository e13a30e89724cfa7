import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, policy, train_loader, val_loader, cfg):
        self.policy = policy
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(policy.parameters(), lr=cfg["lr"])
        self.best = float("inf")

    def _train_epoch(self):
        for obs, act in self.train_loader:
            obs, act = obs.cuda(), act.cuda()
            self.opt.zero_grad()
            loss = F.mse_loss(self.policy(obs), act)
            loss.backward()
            self.opt.step()

    def _validate(self):
        self.policy.eval()
        total, n = 0.0, 0
        with torch.no_grad():
            for obs, act in self.val_loader:
                pred = self.policy(obs.cuda())
                total += F.mse_loss(pred, act.cuda(), reduction="sum").item()
                n += obs.size(0)
        return total / max(1, n)

    def fit(self):
        self.policy.cuda()
        self.policy.train()
        for epoch in range(self.cfg["epochs"]):
            self._train_epoch()
            val = self._validate()
            if val < self.best:
                self.best = val
                torch.save(self.policy.state_dict(), self.cfg["ckpt"])
            print(f"epoch {epoch}: val mse {val:.5f}")
