import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DDPTrainer:
    def __init__(self, model, train_set, cfg, rank, world_size):
        self.rank = rank
        self.cfg = cfg
        self.device = torch.device("cuda", rank)
        self.model = DistributedDataParallel(model.to(self.device), device_ids=[rank])
        self.train_sampler = DistributedSampler(train_set, num_replicas=world_size, rank=rank)
        self.train_loader = DataLoader(
            train_set,
            batch_size=cfg.per_gpu_batch,
            sampler=self.train_sampler,
            num_workers=cfg.workers,
            pin_memory=True,
        )
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr, weight_decay=cfg.wd)

    def _run_epoch(self, epoch):
        self.model.train()
        total = torch.zeros(2, device=self.device)
        for text, image in self.train_loader:
            text, image = text.to(self.device), image.to(self.device)
            loss = self.model(text, image, return_loss=True)
            self.optim.zero_grad(set_to_none=True)
            loss.backward()
            self.optim.step()
            total += torch.stack([loss.detach(), torch.ones((), device=self.device)])
        dist.all_reduce(total)
        return (total[0] / total[1]).item()

    def train(self):
        for epoch in range(self.cfg.epochs):
            avg = self._run_epoch(epoch)
            if self.rank == 0:
                print(f"epoch {epoch}: mean loss {avg:.4f}")
