import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP


class Trainer:
    def __init__(self, model, loader, criterion, args):
        self.args = args
        self.local_rank = int(os.environ.get("LOCAL_RANK", 0))
        self.device = torch.device("cuda", self.local_rank)
        self.model = DDP(model.to(self.device), device_ids=[self.local_rank])
        self.loader = loader
        self.criterion = criterion
        self.opt = torch.optim.SGD(self.model.parameters(), lr=args.lr, momentum=0.9)
        self.best_acc = 0.0

    def _train_epoch(self, epoch):
        self.model.train()
        self.loader.sampler.set_epoch(epoch)
        for inputs, labels in self.loader:
            inputs = inputs.to(self.device, non_blocking=True)
            labels = labels.to(self.device, non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.model(inputs), labels)
            loss.backward()
            self.opt.step()

    def _export(self, tag):
        if dist.get_rank() != 0:
            return
        ckpt_path = os.path.join(self.args.save_dir, f"{tag}.pth")
        torch.save(self.model.module, ckpt_path)

    def fit(self, evaluate):
        for epoch in range(self.args.epochs):
            self._train_epoch(epoch)
            acc = evaluate(self.model.module)
            self.model.train()
            if acc > self.best_acc:
                self.best_acc = acc
                self._export("best")
