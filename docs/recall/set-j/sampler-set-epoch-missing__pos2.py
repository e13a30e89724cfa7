import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DistTrainer:
    def __init__(self, net, train_set, cfg, local_rank):
        self.cfg = cfg
        self.local_rank = local_rank
        self.net = DistributedDataParallel(net.cuda(local_rank), device_ids=[local_rank])
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        self.loss_fn = torch.nn.CrossEntropyLoss()
        self._build_loader(train_set)

    def _build_loader(self, train_set):
        self.train_sampler = DistributedSampler(train_set, seed=self.cfg.seed)
        self.train_loader = DataLoader(
            train_set,
            batch_size=self.cfg.batch_size // dist.get_world_size(),
            sampler=self.train_sampler,
            num_workers=self.cfg.workers,
            pin_memory=True,
            drop_last=True,
        )

    def _train_one_epoch(self):
        self.net.train()
        for images, labels in self.train_loader:
            images = images.cuda(self.local_rank, non_blocking=True)
            labels = labels.cuda(self.local_rank, non_blocking=True)
            self.opt.zero_grad()
            loss = self.loss_fn(self.net(images), labels)
            loss.backward()
            self.opt.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.start_epoch, self.cfg.epochs):
            last_loss = self._train_one_epoch()
            if dist.get_rank() == 0:
                print(f"[epoch {epoch}] loss {last_loss:.4f}")
