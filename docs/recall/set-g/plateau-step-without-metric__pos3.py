import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net, train_loader, val_loader, hp):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.hp = hp
        self.opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9)
        self.lr_sched = ReduceLROnPlateau(self.opt, mode="max", factor=hp["decay"], patience=hp["patience"])
        self.history = []

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = seen = 0
        for x, y in self.val_loader:
            correct += (self.net(x).argmax(-1) == y).sum().item()
            seen += y.numel()
        self.net.train()
        return correct / max(1, seen)

    def on_epoch_end(self, epoch):
        acc = self.validate()
        self.history.append(acc)
        self.lr_sched.step()
        print(f"epoch {epoch}: val acc {acc:.4f}")

    def fit(self, epochs):
        for epoch in range(epochs):
            self.net.train()
            for x, y in self.train_loader:
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.on_epoch_end(epoch)
