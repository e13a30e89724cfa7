import torch
from torch import nn


class PrintLogger:
    def on_epoch_end(self, trainer, epoch, logs):
        print(f"epoch {epoch}: " + " ".join(f"{k}={v:.4f}" for k, v in logs.items()))


class Trainer:
    def __init__(self, model, loader, lr=1e-3, epochs=10, callbacks=[]):
        self.model = model
        self.loader = loader
        self.epochs = epochs
        self.opt = torch.optim.Adam(model.parameters(), lr=lr)
        self.loss_fn = nn.MSELoss()
        callbacks.append(PrintLogger())
        self.callbacks = callbacks

    def fit(self):
        for epoch in range(self.epochs):
            self.model.train()
            total, n = 0.0, 0
            for x, y in self.loader:
                self.opt.zero_grad()
                loss = self.loss_fn(self.model(x), y)
                loss.backward()
                self.opt.step()
                total += loss.item()
                n += 1
            logs = {"loss": total / max(n, 1)}
            for cb in self.callbacks:
                cb.on_epoch_end(self, epoch, logs)
