import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


class SegTrainer:
    def __init__(self, net, train_dl, val_dl, evaluator, lr=1e-3, patience=5):
        self.net = net
        self.train_dl = train_dl
        self.val_dl = val_dl
        self.evaluator = evaluator
        self.opt = torch.optim.Adam(net.parameters(), lr=lr)
        self.plateau = ReduceLROnPlateau(self.opt, mode="max", factor=0.5,
                                         patience=patience, min_lr=1e-6)
        self.best = 0.0

    def _train(self):
        self.net.train()
        for img, mask in self.train_dl:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(self.net(img), mask)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    def fit(self, epochs):
        for epoch in range(epochs):
            self._train()
            dice = self.evaluator(self.net, self.val_dl)
            before = self.opt.param_groups[0]["lr"]
            self.plateau.step(dice)
            after = self.opt.param_groups[0]["lr"]
            if after < before:
                print(f"epoch {epoch}: reducing learning rate {before:.2e} -> {after:.2e}")
            if dice > self.best:
                self.best = dice
                torch.save(self.net.state_dict(), "best.pth")
