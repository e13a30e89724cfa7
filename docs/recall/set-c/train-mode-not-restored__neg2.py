import torch
import torch.nn.functional as F


class SegTrainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9,
                                   weight_decay=cfg.wd)

    @torch.no_grad()
    def validate(self):
        was_training = self.net.training
        self.net.eval()
        inter = union = 0
        for img, mask in self.val_loader:
            pred = self.net(img.cuda()).argmax(1)
            mask = mask.cuda()
            inter += ((pred == 1) & (mask == 1)).sum().item()
            union += ((pred == 1) | (mask == 1)).sum().item()
        self.net.train(was_training)
        return inter / max(union, 1)

    def fit(self):
        self.net.train()
        for epoch in range(self.cfg.epochs):
            for img, mask in self.train_loader:
                self.opt.zero_grad()
                loss = F.cross_entropy(self.net(img.cuda()), mask.cuda(), ignore_index=255)
                loss.backward()
                self.opt.step()
            if (epoch + 1) % self.cfg.val_interval == 0:
                iou = self.validate()
                print(f"epoch {epoch + 1}: loss {loss.item():.4f} IoU {iou:.4f}")
