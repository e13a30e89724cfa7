import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, WeightedRandomSampler


class Trainer:
    def __init__(self, net, train_set, val_set, cfg):
        self.net = net.cuda()
        self.cfg = cfg
        counts = torch.bincount(torch.as_tensor(train_set.targets))
        weights = (1.0 / counts.float())[train_set.targets]
        sampler = WeightedRandomSampler(weights, num_samples=len(weights), replacement=True)
        self.train_loader = DataLoader(
            train_set,
            batch_size=cfg.TRAIN.BATCH_SIZE,
            sampler=sampler,
            num_workers=cfg.WORKERS,
            pin_memory=True,
            drop_last=True,
        )
        self.val_loader = DataLoader(val_set, batch_size=cfg.TEST.BATCH_SIZE, num_workers=cfg.WORKERS)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.TRAIN.LR, weight_decay=cfg.TRAIN.WD)

    def train_epoch(self, epoch):
        self.net.train()
        for i, (img, label) in enumerate(self.train_loader):
            img, label = img.cuda(non_blocking=True), label.cuda(non_blocking=True)
            loss = F.cross_entropy(self.net(img), label)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            if i % self.cfg.PRINT_FREQ == 0:
                print(f"[{epoch}][{i}/{len(self.train_loader)}] loss {loss.item():.4f}")

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = total = 0
        for img, label in self.val_loader:
            pred = self.net(img.cuda(non_blocking=True)).argmax(1)
            correct += (pred.cpu() == label).sum().item()
            total += label.numel()
        self.net.train()
        return correct / total

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch(epoch)
            print(f"epoch {epoch}: val acc {self.validate():.4f}")
