import os

import torch


class CheckpointCallback:
    def __init__(self, directory, every=1):
        self.directory = directory
        self.every = every

    def on_epoch_end(self, trainer, epoch):
        if (epoch + 1) % self.every == 0:
            os.makedirs(self.directory, exist_ok=True)
            torch.save(trainer.net.state_dict(), os.path.join(self.directory, f"ep{epoch}.pt"))


class Trainer:
    def __init__(self, net, loader, epochs, work_dir, callbacks=[]):
        self.net = net
        self.loader = loader
        self.epochs = epochs
        self.opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        callbacks.append(CheckpointCallback(os.path.join(work_dir, "ckpt")))
        self.callbacks = callbacks

    def fit(self):
        for epoch in range(self.epochs):
            self.net.train()
            for x, y in self.loader:
                self.opt.zero_grad()
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                loss.backward()
                self.opt.step()
            for cb in self.callbacks:
                cb.on_epoch_end(self, epoch)
