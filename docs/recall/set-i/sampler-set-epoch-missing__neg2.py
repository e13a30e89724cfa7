import torch
from torch.utils.data import DataLoader, DistributedSampler


class Loop:
    def __init__(self, net, train_ds, val_ds, rank, world, bs=16):
        self.net = net
        self.rank = rank
        self.train_sampler = DistributedSampler(train_ds, num_replicas=world, rank=rank) if world > 1 else None
        self.val_sampler = DistributedSampler(val_ds, num_replicas=world, rank=rank, shuffle=False)
        self.train_loader = DataLoader(
            train_ds, batch_size=bs, shuffle=self.train_sampler is None, sampler=self.train_sampler
        )
        self.val_loader = DataLoader(val_ds, batch_size=bs, sampler=self.val_sampler)
        self.opt = torch.optim.Adam(net.parameters(), lr=1e-4)

    def train_epoch(self, epoch):
        if self.train_sampler is not None:
            self.train_sampler.set_epoch(epoch)
        self.net.train()
        for x, y in self.train_loader:
            self.opt.zero_grad()
            loss = self.net.loss(x.to(self.rank), y.to(self.rank))
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def val_epoch(self):
        self.net.eval()
        losses = [self.net.loss(x.to(self.rank), y.to(self.rank)).item() for x, y in self.val_loader]
        self.net.train()
        return sum(losses) / max(len(losses), 1)

    def run(self, epochs):
        for epoch in range(epochs):
            self.train_epoch(epoch)
            print(f"[rank {self.rank}] epoch {epoch}: val {self.val_epoch():.4f}")
