import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DDPTrainer:
    def __init__(self, net, train_set, cfg):
        self.rank = dist.get_rank()
        self.local_rank = int(os.environ.get("LOCAL_RANK", 0))
        self.device = torch.device("cuda", self.local_rank)
        self.net = DistributedDataParallel(net.to(self.device), device_ids=[self.local_rank])
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.train_sampler = DistributedSampler(train_set, num_replicas=dist.get_world_size(),
                                                rank=self.rank, shuffle=True, seed=cfg.seed)
        self.train_loader = DataLoader(train_set, batch_size=cfg.batch_size,
                                       sampler=self.train_sampler, num_workers=cfg.workers,
                                       pin_memory=True, drop_last=True)
        self.max_epochs = cfg.epochs
        self.epoch = 0

    def _run_epoch(self):
        self.net.train()
        for step, (tokens, labels) in enumerate(self.train_loader):
            tokens, labels = tokens.to(self.device), labels.to(self.device)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(tokens), labels)
            loss.backward()
            self.opt.step()
            if self.rank == 0 and step % 200 == 0:
                print(f"[epoch {self.epoch}] step {step} loss {loss.item():.4f}")

    def fit(self):
        while self.epoch < self.max_epochs:
            self._run_epoch()
            if self.rank == 0:
                torch.save({"net": self.net.module.state_dict(), "epoch": self.epoch},
                           "latest.pt")
            self.epoch += 1
