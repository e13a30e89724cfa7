import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DistTrainer:
    def __init__(self, net, train_set, cfg, rank, world_size):
        self.cfg = cfg
        self.rank = rank
        self.device = torch.device(f"cuda:{rank}")
        self.net = DistributedDataParallel(net.to(self.device), device_ids=[rank])
        self.train_sampler = DistributedSampler(train_set, num_replicas=world_size,
                                                rank=rank, shuffle=True, seed=cfg.seed)
        self.train_loader = DataLoader(train_set, batch_size=cfg.batch_size // world_size,
                                       sampler=self.train_sampler, num_workers=cfg.workers,
                                       pin_memory=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.epoch = 0

    def _run_epoch(self):
        self.net.train()
        loss_sum = torch.zeros((), device=self.device)
        for tokens, targets in self.train_loader:
            tokens, targets = tokens.to(self.device), targets.to(self.device)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(tokens), targets)
            loss.backward()
            self.opt.step()
            loss_sum += loss.detach()
        dist.all_reduce(loss_sum)
        return loss_sum.item() / (len(self.train_loader) * dist.get_world_size())

    def fit(self):
        while self.epoch < self.cfg.max_epochs:
            avg = self._run_epoch()
            if self.rank == 0:
                print(f"epoch {self.epoch}: loss {avg:.4f}")
            self.epoch += 1
