import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


class DDPTrainer:
    def __init__(self, model, dataset, rank, world_size, cfg):
        self.rank = rank
        self.cfg = cfg
        self.model = DistributedDataParallel(model.to(rank), device_ids=[rank])
        self.train_sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=cfg.seed)
        self.train_loader = DataLoader(dataset, batch_size=cfg.batch_size, sampler=self.train_sampler,
                                       num_workers=cfg.workers, pin_memory=True, drop_last=True)
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.epoch = 0

    def _train_epoch(self):
        self.model.train()
        for tokens, labels in self.train_loader:
            tokens, labels = tokens.to(self.rank), labels.to(self.rank)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.model(tokens), labels)
            loss.backward()
            self.opt.step()
        return loss.item()

    def train(self):
        while self.epoch < self.cfg.max_epochs:
            last = self._train_epoch()
            if self.rank == 0:
                print(f"[epoch {self.epoch}] loss {last:.4f}")
            self.epoch += 1
        dist.barrier()
