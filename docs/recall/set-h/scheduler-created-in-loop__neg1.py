import torch
from torch.optim.lr_scheduler import ExponentialLR


class Trainer:
    def __init__(self, model, loader, epochs=50, lr=1e-3, gamma=0.95):
        self.model = model.cuda()
        self.loader = loader
        self.epochs = epochs
        self.optim = torch.optim.Adam(model.parameters(), lr=lr)
        self.sched = ExponentialLR(self.optim, gamma=gamma)

    def train_epoch(self, epoch):
        self.model.train()
        total = 0.0
        for x, y in self.loader:
            x, y = x.cuda(), y.cuda()
            loss = torch.nn.functional.smooth_l1_loss(self.model(x), y)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            total += loss.item()
        self.sched.step()
        return total / len(self.loader)

    def fit(self):
        for epoch in range(self.epochs):
            loss = self.train_epoch(epoch)
            print(f"epoch {epoch}: loss {loss:.4f}, lr {self.sched.get_last_lr()[0]:.2e}")
