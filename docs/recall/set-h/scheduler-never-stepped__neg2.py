import torch
from torch.optim.lr_scheduler import StepLR


class Trainer:
    def __init__(self, net, loader, epochs=60, lr=1e-3):
        self.net = net.cuda()
        self.loader = loader
        self.epochs = epochs
        self.opt = torch.optim.Adam(net.parameters(), lr=lr)
        self.sched = StepLR(self.opt, step_size=20, gamma=0.5)
        self.history = []

    def _end_of_epoch(self, epoch, loss):
        self.sched.step()
        self.history.append((epoch, loss, self.sched.get_last_lr()[0]))
        print(f"epoch {epoch}: loss {loss:.4f} lr {self.history[-1][2]:.2e}")

    def fit(self):
        for epoch in range(self.epochs):
            self.net.train()
            total = 0.0
            for x, y in self.loader:
                x, y = x.cuda(), y.cuda()
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                total += loss.item()
            self._end_of_epoch(epoch, total / len(self.loader))
