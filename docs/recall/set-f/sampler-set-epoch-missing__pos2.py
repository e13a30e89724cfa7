import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


class DistTrainer:
    def __init__(self, net, train_ds, rank, world_size, batch_size=32, lr=1e-3):
        self.rank = rank
        self.net = DistributedDataParallel(net.to(rank), device_ids=[rank])
        self.train_sampler = DistributedSampler(
            train_ds, num_replicas=world_size, rank=rank, shuffle=True, drop_last=True
        )
        self.train_loader = DataLoader(
            train_ds, batch_size=batch_size, sampler=self.train_sampler, num_workers=4, pin_memory=True
        )
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=lr)

    def _run_epoch(self, epoch):
        self.net.train()
        for src, tgt in self.train_loader:
            src, tgt = src.to(self.rank), tgt.to(self.rank)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(src), tgt)
            loss.backward()
            self.opt.step()
        if self.rank == 0:
            print(f"[epoch {epoch}] loss {loss.item():.4f}")

    def train(self, max_epochs):
        for epoch in range(max_epochs):
            self._run_epoch(epoch)
