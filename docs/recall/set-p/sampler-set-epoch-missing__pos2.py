import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DistTrainer:
    def __init__(self, net, train_ds, args):
        self.rank = dist.get_rank()
        self.world = dist.get_world_size()
        self.device = torch.device("cuda", args.local_rank)
        self.net = DistributedDataParallel(net.to(self.device), device_ids=[args.local_rank])
        self.train_sampler = DistributedSampler(train_ds, num_replicas=self.world, rank=self.rank)
        self.train_loader = DataLoader(
            train_ds,
            batch_size=args.batch_size // self.world,
            sampler=self.train_sampler,
            num_workers=args.workers,
            drop_last=True,
        )
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=args.lr)
        self.n_epochs = args.epochs

    def _epoch(self):
        self.net.train()
        for batch in self.train_loader:
            x, y = batch["x"].to(self.device), batch["y"].to(self.device)
            self.opt.zero_grad(set_to_none=True)
            loss = F.mse_loss(self.net(x), y)
            loss.backward()
            self.opt.step()
        return loss.detach()

    def fit(self):
        for ep in range(self.n_epochs):
            last = self._epoch()
            dist.all_reduce(last)
            if self.rank == 0:
                print(f"epoch {ep}: last-batch loss {last.item() / self.world:.5f}")
