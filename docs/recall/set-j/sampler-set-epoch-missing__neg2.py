import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler


class DistTrainer:
    def __init__(self, net, train_set, val_set, cfg, local_rank):
        self.cfg = cfg
        self.local_rank = local_rank
        self.net = DistributedDataParallel(net.cuda(local_rank), device_ids=[local_rank])
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        self.loss_fn = torch.nn.CrossEntropyLoss()
        per_gpu = self.cfg.batch_size // dist.get_world_size()
        self.train_loader = DataLoader(train_set, batch_size=per_gpu, sampler=DistributedSampler(train_set),
                                       num_workers=cfg.workers, pin_memory=True, drop_last=True)
        # fixed order for evaluation: nothing to reshuffle between epochs
        self.val_loader = DataLoader(val_set, batch_size=per_gpu, sampler=DistributedSampler(val_set, shuffle=False),
                                     num_workers=cfg.workers, pin_memory=True)

    def _train_one_epoch(self, epoch):
        if isinstance(self.train_loader.sampler, DistributedSampler):
            self.train_loader.sampler.set_epoch(epoch)
        self.net.train()
        for images, labels in self.train_loader:
            images = images.cuda(self.local_rank, non_blocking=True)
            labels = labels.cuda(self.local_rank, non_blocking=True)
            self.opt.zero_grad()
            loss = self.loss_fn(self.net(images), labels)
            loss.backward()
            self.opt.step()
        return loss.item()

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        correct = torch.zeros(2, device=self.local_rank)
        for images, labels in self.val_loader:
            images = images.cuda(self.local_rank, non_blocking=True)
            labels = labels.cuda(self.local_rank, non_blocking=True)
            correct[0] += (self.net(images).argmax(1) == labels).sum()
            correct[1] += labels.numel()
        dist.all_reduce(correct)
        self.net.train()
        return (correct[0] / correct[1]).item()

    def fit(self):
        for epoch in range(self.cfg.start_epoch, self.cfg.epochs):
            last_loss = self._train_one_epoch(epoch)
            acc = self._validate()
            if dist.get_rank() == 0:
                print(f"[epoch {epoch}] loss {last_loss:.4f} val acc {acc:.4f}")
