import torch
from torch import nn


def evaluate(model, loader, device):
    was_training = model.training
    model.eval()
    hits, total = 0, 0
    with torch.no_grad():
        for x, y in loader:
            pred = model(x.to(device)).argmax(dim=1)
            hits += (pred == y.to(device)).sum().item()
            total += y.numel()
    model.train(was_training)
    return hits / max(total, 1)


class Trainer:
    def __init__(self, model, train_loader, val_loader, lr=1e-3, epochs=50, device="cuda"):
        self.device = device
        self.model = model.to(device)
        self.model.train()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.opt = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.loss_fn = nn.CrossEntropyLoss()
        self.epochs = epochs
        self.history = []

    def _train_step(self, x, y):
        self.opt.zero_grad()
        loss = self.loss_fn(self.model(x.to(self.device)), y.to(self.device))
        loss.backward()
        self.opt.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.epochs):
            losses = [self._train_step(x, y) for x, y in self.train_loader]
            acc = evaluate(self.model, self.val_loader, self.device)
            self.history.append((sum(losses) / len(losses), acc))
            print(f"epoch {epoch}: loss {self.history[-1][0]:.4f} val acc {acc:.4f}")
        return self.history
