import torch
import torch.nn as nn


class SegmentationTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.base_lr = cfg.TRAIN.LR
        self.opt = torch.optim.SGD(net.parameters(), lr=self.base_lr, momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)

    def _lr(self, epoch, i):
        if epoch == 0 and self.cfg.TRAIN.WARM > 0:
            scale = (i + 1) / self.cfg.TRAIN.WARM
        else:
            scale = self.cfg.TRAIN.GAMMA ** (epoch // self.cfg.TRAIN.STEP)
        return self.base_lr * scale

    def train_epoch(self, epoch):
        self.net.train()
        for i, (img, mask) in enumerate(self.loader):
            lr = self._lr(epoch, i)
            for g in self.opt.param_groups:
                g["lr"] = lr
            out = self.net(img)
            loss = self.criterion(out, mask)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if i % 20 == 0:
                print(f"ep {epoch} it {i} lr {lr:.5f} loss {loss.item():.4f}")

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch(epoch)
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(), "epoch": epoch},
                       f"{self.cfg.OUTPUT_DIR}/last.pth")
