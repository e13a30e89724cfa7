import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DDPTrainer:
    def __init__(self, model, train_set, val_set, cfg, rank, world_size):
        self.rank = rank
        self.cfg = cfg
        self.device = torch.device("cuda", rank)
        self.model = DistributedDataParallel(model.to(self.device), device_ids=[rank])
        self.train_loader = DataLoader(
            train_set, batch_size=cfg.per_gpu_batch, num_workers=cfg.workers, pin_memory=True,
            sampler=DistributedSampler(train_set, num_replicas=world_size, rank=rank, shuffle=True),
        )
        self.val_loader = DataLoader(
            val_set, batch_size=cfg.per_gpu_batch, num_workers=cfg.workers,
            sampler=DistributedSampler(val_set, num_replicas=world_size, rank=rank, shuffle=False),
        )
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr, weight_decay=cfg.wd)

    def _run_epoch(self, epoch):
        if isinstance(self.train_loader.sampler, DistributedSampler):
            self.train_loader.sampler.set_epoch(epoch)
        self.model.train()
        for x, y in self.train_loader:
            x, y = x.to(self.device), y.to(self.device)
            loss = torch.nn.functional.cross_entropy(self.model(x), y)
            self.optim.zero_grad(set_to_none=True)
            loss.backward()
            self.optim.step()

    @torch.no_grad()
    def _validate(self):
        self.model.eval()
        stats = torch.zeros(2, device=self.device)
        for x, y in self.val_loader:
            x, y = x.to(self.device), y.to(self.device)
            stats += torch.tensor([(self.model(x).argmax(1) == y).sum(), y.numel()], device=self.device)
        dist.all_reduce(stats)
        return (stats[0] / stats[1]).item()

    def train(self):
        for epoch in range(self.cfg.epochs):
            self._run_epoch(epoch)
            acc = self._validate()
            if self.rank == 0:
                print(f"epoch {epoch}: val acc {acc:.4f}")
