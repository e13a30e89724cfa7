import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DistTrainer:
    def __init__(self, net, dataset, cfg, local_rank):
        self.cfg = cfg
        self.rank = local_rank
        self.net = DistributedDataParallel(net.cuda(local_rank), device_ids=[local_rank])
        self.train_sampler = DistributedSampler(dataset, shuffle=True, seed=cfg.seed)
        self.loader = DataLoader(dataset, batch_size=cfg.per_gpu_bs, sampler=self.train_sampler,
                                 num_workers=cfg.workers, pin_memory=True)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)

    def train_epoch(self, epoch):
        self.net.train()
        for tokens, labels in self.loader:
            tokens = tokens.cuda(self.rank, non_blocking=True)
            labels = labels.cuda(self.rank, non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.net(tokens), labels)
            loss.backward()
            self.opt.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            last = self.train_epoch(epoch)
            if dist.get_rank() == 0:
                print(f"[epoch {epoch}] loss {last:.4f}")
