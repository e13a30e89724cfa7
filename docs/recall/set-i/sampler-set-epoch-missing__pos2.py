import torch
import torch.distributed as dist
from torch.utils.data import DataLoader, DistributedSampler


class DDPTrainer:
    def __init__(self, model, dataset, cfg, rank, world_size):
        self.rank = rank
        self.model = torch.nn.parallel.DistributedDataParallel(model.to(rank), device_ids=[rank])
        self.cfg = cfg
        self.train_sampler = DistributedSampler(
            dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=cfg.seed
        )
        self.train_loader = DataLoader(
            dataset, batch_size=cfg.batch_size, sampler=self.train_sampler,
            num_workers=cfg.workers, drop_last=True,
        )
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr)
        self.epoch = 0

    def _run_epoch(self):
        self.model.train()
        for batch in self.train_loader:
            batch = {k: v.to(self.rank, non_blocking=True) for k, v in batch.items()}
            self.opt.zero_grad(set_to_none=True)
            loss = self.model(**batch).loss
            loss.backward()
            self.opt.step()
        return loss.detach()

    def train(self):
        while self.epoch < self.cfg.max_epochs:
            last = self._run_epoch()
            dist.all_reduce(last, op=dist.ReduceOp.AVG)
            if self.rank == 0:
                print(f"epoch {self.epoch}: loss {last.item():.4f}")
                torch.save(self.model.module.state_dict(), f"{self.cfg.out}/model.pt")
            self.epoch += 1
