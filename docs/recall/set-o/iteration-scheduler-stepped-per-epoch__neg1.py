import torch
from torch import nn
from torch.optim.lr_scheduler import OneCycleLR


class Learner:
    def __init__(self, net, train_dl, valid_dl, epochs=20, peak_lr=1e-2, device="cuda"):
        self.net = net.to(device)
        self.train_dl = train_dl
        self.valid_dl = valid_dl
        self.epochs = epochs
        self.device = device
        self.crit = nn.CrossEntropyLoss()
        self.opt = torch.optim.SGD(self.net.parameters(), lr=peak_lr / 25, momentum=0.9,
                                   nesterov=True, weight_decay=5e-4)
        self.one_cycle = OneCycleLR(self.opt, max_lr=peak_lr, epochs=epochs,
                                    steps_per_epoch=len(train_dl))

    def _fit_epoch(self):
        self.net.train()
        running = 0.0
        for xb, yb in self.train_dl:
            xb, yb = xb.to(self.device), yb.to(self.device)
            self.opt.zero_grad()
            loss = self.crit(self.net(xb), yb)
            loss.backward()
            self.opt.step()
            self.one_cycle.step()
            running += loss.item()
        return running / len(self.train_dl)

    def _score(self):
        self.net.eval()
        correct = total = 0
        with torch.no_grad():
            for xb, yb in self.valid_dl:
                pred = self.net(xb.to(self.device)).argmax(-1).cpu()
                correct += (pred == yb).sum().item()
                total += yb.numel()
        return correct / total

    def fit(self):
        for ep in range(self.epochs):
            loss = self._fit_epoch()
            acc = self._score()
            print(f"ep {ep} loss {loss:.3f} acc {acc:.3f} lr {self.one_cycle.get_last_lr()[0]:.4f}")
