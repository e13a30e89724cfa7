import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.utils.data import DataLoader, DistributedSampler


class DDPTrainer:
    def __init__(self, ddp_model, dataset, cfg, rank, world_size):
        self.net = ddp_model
        self.cfg = cfg
        self.rank = rank
        self.train_sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, seed=cfg.seed)
        self.train_loader = DataLoader(
            dataset,
            batch_size=cfg.batch_size // world_size,
            sampler=self.train_sampler,
            num_workers=cfg.workers,
            pin_memory=True,
            drop_last=True,
        )
        self.opt = torch.optim.AdamW(ddp_model.parameters(), lr=cfg.lr, weight_decay=cfg.wd)

    def _run_epoch(self, epoch):
        self.net.train()
        for step, (src, tgt) in enumerate(self.train_loader):
            src, tgt = src.cuda(self.rank), tgt.cuda(self.rank)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(src), tgt)
            loss.backward()
            self.opt.step()
            if self.rank == 0 and step % self.cfg.log_every == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")

    def train(self):
        for epoch in range(self.cfg.epochs):
            self._run_epoch(epoch)
            dist.barrier()
