import torch
import torch.nn as nn


class SegTrainer:
    def __init__(self, net, train_loader, val_loader, num_classes, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.num_classes = num_classes
        self.cfg = cfg
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)
        self.optim = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)

    def train_epoch(self):
        self.net.train()
        for img, mask in self.train_loader:
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            self.optim.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(img), mask)
            loss.backward()
            self.optim.step()

    @torch.no_grad()
    def evaluate(self):
        hist = torch.zeros(self.num_classes, self.num_classes, dtype=torch.long, device="cuda")
        for img, mask in self.val_loader:
            pred = self.net(img.cuda()).argmax(dim=1)
            mask = mask.cuda()
            valid = mask != 255
            idx = mask[valid] * self.num_classes + pred[valid]
            hist += torch.bincount(idx, minlength=self.num_classes ** 2).view_as(hist)
        iou = hist.diag() / (hist.sum(0) + hist.sum(1) - hist.diag()).clamp(min=1)
        return iou.mean().item()

    def fit(self):
        best = 0.0
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            miou = self.evaluate()
            best = max(best, miou)
            print(f"epoch {epoch}: mIoU {miou:.4f} best {best:.4f}")
