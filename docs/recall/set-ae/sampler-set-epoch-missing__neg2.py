import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, DistributedSampler


class Trainer:
    def __init__(self, net, opt, train_loader: DataLoader, device, max_epochs):
        self.net = net
        self.opt = opt
        self.train_loader = train_loader
        self.device = device
        self.max_epochs = max_epochs
        self.epoch = 0

    def _run_epoch(self):
        sampler = self.train_loader.sampler
        if isinstance(sampler, DistributedSampler):
            sampler.set_epoch(self.epoch)
        self.net.train()
        for tokens, labels in self.train_loader:
            tokens, labels = tokens.to(self.device), labels.to(self.device)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(tokens), labels)
            loss.backward()
            self.opt.step()

    def fit(self):
        while self.epoch < self.max_epochs:
            self._run_epoch()
            self.epoch += 1
