import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, net, train_loader, val_loader, hp):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.hp = hp
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
        self.best = float("inf")

    @torch.no_grad()
    def validate(self):
        losses = []
        for feats, target in self.val_loader:
            pred = self.net(feats.cuda())
            losses.append(F.mse_loss(pred, target.cuda()).item())
        return sum(losses) / len(losses)

    def train(self):
        for epoch in range(self.hp["epochs"]):
            self.net.train()
            for feats, target in self.train_loader:
                self.opt.zero_grad(set_to_none=True)
                loss = F.mse_loss(self.net(feats.cuda()), target.cuda())
                loss.backward()
                self.opt.step()
            val = self.validate()
            if val < self.best:
                self.best = val
                torch.save(self.net.state_dict(), self.hp["out"])
            print(f"epoch {epoch}: val mse {val:.5f} (best {self.best:.5f})")
