import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader, DistributedSampler


class DistTrainer:
    def __init__(self, net, dataset, cfg):
        self.cfg = cfg
        self.rank = int(os.environ["LOCAL_RANK"])
        torch.cuda.set_device(self.rank)
        self.world = dist.get_world_size()
        self.sampler = DistributedSampler(dataset, shuffle=True)
        self.loader = DataLoader(dataset, batch_size=cfg.per_gpu_bs, sampler=self.sampler,
                                 num_workers=cfg.workers, pin_memory=True)
        self.net = DDP(net.cuda(self.rank), device_ids=[self.rank])
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.max_lr, momentum=0.9,
                                   weight_decay=5e-4)
        iters_per_epoch = len(dataset) // (cfg.per_gpu_bs * self.world)
        self.sched = OneCycleLR(self.opt, max_lr=cfg.max_lr,
                                total_steps=cfg.epochs * iters_per_epoch)
        self.crit = torch.nn.CrossEntropyLoss()

    def _epoch(self, epoch):
        self.sampler.set_epoch(epoch)
        self.net.train()
        for x, y in self.loader:
            x, y = x.cuda(self.rank, non_blocking=True), y.cuda(self.rank, non_blocking=True)
            loss = self.crit(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.sched.step()
        return loss.item()

    def run(self):
        for epoch in range(self.cfg.epochs):
            last = self._epoch(epoch)
            if self.rank == 0:
                print(f"epoch {epoch} loss {last:.4f} lr {self.sched.get_last_lr()[0]:.4f}")
                torch.save(self.net.module.state_dict(), f"ckpt_{epoch}.pt")
