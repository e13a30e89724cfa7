import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, cfg, device="cuda"):
        self.net = net.to(device)
        self.device = device
        self.cfg = cfg
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.workers, drop_last=True)
        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9,
                                   weight_decay=5e-4, nesterov=True)
        self.sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs, eta_min=1e-5)

    def train_epoch(self, epoch):
        self.net.train()
        running, seen = 0.0, 0
        for images, targets in self.loader:
            images = images.to(self.device, non_blocking=True)
            targets = targets.to(self.device, non_blocking=True)
            logits = self.net(images)
            loss = self.criterion(logits, targets)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.sched.step()
            running += loss.item() * images.size(0)
            seen += images.size(0)
        return running / max(seen, 1)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            avg = self.train_epoch(epoch)
            lr = self.sched.get_last_lr()[0]
            print(f"epoch {epoch:03d} loss {avg:.4f} lr {lr:.2e}")
