import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


class Trainer:
    def __init__(self, net, train_ds, val_ds, cfg):
        self.cfg = cfg
        self.net = net.cuda()
        counts = torch.bincount(torch.as_tensor(train_ds.labels))
        weights = (1.0 / counts.float())[torch.as_tensor(train_ds.labels)]
        sampler = WeightedRandomSampler(weights, num_samples=len(train_ds), replacement=True)
        self.train_dl = DataLoader(train_ds, batch_size=cfg.TRAIN.BATCH_SIZE, sampler=sampler,
                                   num_workers=cfg.DATA.WORKERS, drop_last=True)
        self.val_dl = DataLoader(val_ds, batch_size=cfg.TRAIN.BATCH_SIZE, shuffle=False,
                                 num_workers=cfg.DATA.WORKERS)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.TRAIN.LR)
        self.crit = torch.nn.CrossEntropyLoss()

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for x, y in self.train_dl:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.crit(self.net(x), y)
            loss.backward()
            self.opt.step()
            total += loss.item()
        return total / max(1, len(self.train_dl))

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = sum((self.net(x.cuda()).argmax(1) == y.cuda()).sum().item() for x, y in self.val_dl)
        self.net.train()
        return correct / len(self.val_dl.dataset)

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            loss = self.train_epoch(epoch)
            print(f"epoch {epoch}: loss {loss:.4f} val acc {self.validate():.4f}")
