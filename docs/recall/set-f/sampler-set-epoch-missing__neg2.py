import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.utils.data import DataLoader, DistributedSampler


class DistTrainer:
    def __init__(self, net, train_ds, val_ds, rank, world_size, batch_size=32, lr=1e-3):
        self.rank = rank
        self.net = net
        self.train_loader = DataLoader(
            train_ds, batch_size=batch_size,
            sampler=DistributedSampler(train_ds, num_replicas=world_size, rank=rank, shuffle=True),
            num_workers=4, pin_memory=True,
        )
        self.val_loader = DataLoader(
            val_ds, batch_size=batch_size,
            sampler=DistributedSampler(val_ds, num_replicas=world_size, rank=rank, shuffle=False),
            num_workers=4,
        )
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr)

    def _validate(self):
        self.net.eval()
        correct = torch.zeros(2, device=self.rank)
        with torch.no_grad():
            for x, y in self.val_loader:
                pred = self.net(x.to(self.rank)).argmax(-1)
                correct += torch.tensor([(pred == y.to(self.rank)).sum().item(), y.numel()], device=self.rank)
        dist.all_reduce(correct)
        return (correct[0] / correct[1]).item()

    def train(self, max_epochs):
        for epoch in range(max_epochs):
            self.train_loader.sampler.set_epoch(epoch)
            self.net.train()
            for x, y in self.train_loader:
                self.opt.zero_grad(set_to_none=True)
                loss = F.cross_entropy(self.net(x.to(self.rank)), y.to(self.rank))
                loss.backward()
                self.opt.step()
            acc = self._validate()
            if self.rank == 0:
                print(f"[epoch {epoch}] val acc {acc:.4f}")
