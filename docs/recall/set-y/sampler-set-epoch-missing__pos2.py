import torch
import torch.distributed as dist
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


class DistTrainer:
    def __init__(self, model, train_set, criterion, cfg, rank, world_size):
        self.rank = rank
        self.cfg = cfg
        self.model = torch.nn.parallel.DistributedDataParallel(model.cuda(rank), device_ids=[rank])
        self.train_sampler = DistributedSampler(train_set, num_replicas=world_size, rank=rank)
        self.train_loader = DataLoader(train_set, batch_size=cfg.batch_size,
                                       sampler=self.train_sampler, num_workers=cfg.workers)
        self.criterion = criterion
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr)

    def _train_one_epoch(self, epoch):
        self.model.train()
        running = 0.0
        for i, (x, y) in enumerate(self.train_loader):
            x, y = x.cuda(self.rank, non_blocking=True), y.cuda(self.rank, non_blocking=True)
            self.optimizer.zero_grad()
            loss = self.criterion(self.model(x), y)
            loss.backward()
            self.optimizer.step()
            running += loss.item()
        return running / max(1, len(self.train_loader))

    def fit(self):
        for epoch in range(self.cfg.epochs):
            avg = self._train_one_epoch(epoch)
            if self.rank == 0:
                print(f"epoch {epoch}: {avg:.4f}")
        dist.barrier()
