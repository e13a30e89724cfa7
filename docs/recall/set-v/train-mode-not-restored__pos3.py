import torch
import torch.nn as nn


class SegTrainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.loss_fn = nn.CrossEntropyLoss(ignore_index=255)

    def _run_epoch(self):
        for img, mask in self.train_loader:
            img, mask = img.cuda(), mask.cuda()
            self.opt.zero_grad()
            loss = self.loss_fn(self.net(img), mask)
            loss.backward()
            self.opt.step()

    def _validate(self):
        self.net.eval()
        inter = torch.zeros(self.cfg.num_classes, device="cuda")
        union = torch.zeros(self.cfg.num_classes, device="cuda")
        with torch.no_grad():
            for img, mask in self.val_loader:
                pred = self.net(img.cuda()).argmax(1)
                mask = mask.cuda()
                for c in range(self.cfg.num_classes):
                    p, t = pred == c, mask == c
                    inter[c] += (p & t).sum()
                    union[c] += (p | t).sum()
        return (inter / union.clamp(min=1)).mean().item()

    def fit(self):
        self.net.train()
        for epoch in range(self.cfg.epochs):
            self._run_epoch()
            if (epoch + 1) % self.cfg.val_interval == 0:
                miou = self._validate()
                print(f"epoch {epoch + 1}: mIoU {miou:.4f}")
