import torch
import torch.nn.functional as F


class SegTrainer:
    def __init__(self, net, loader, max_iter, lr_backbone=1e-3, lr_head=1e-2):
        self.net = net
        self.loader = loader
        self.max_iter = max(1, max_iter)
        self.opt = torch.optim.SGD(
            [
                {"params": net.backbone.parameters(), "lr": lr_backbone},
                {"params": net.head.parameters(), "lr": lr_head},
            ],
            momentum=0.9,
            weight_decay=1e-4,
        )
        self.group_lrs = [g["lr"] for g in self.opt.param_groups]
        self.it = 0

    def _decay(self):
        frac = min(1.0, self.it / self.max_iter)
        self.group_lrs = [lr * (1.0 - frac) for lr in self.group_lrs]
        for g, lr in zip(self.opt.param_groups, self.group_lrs):
            g["lr"] = lr

    def run(self):
        self.net.train()
        while self.it < self.max_iter:
            for img, mask in self.loader:
                logits = self.net(img)
                loss = F.cross_entropy(logits, mask, ignore_index=255)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.it += 1
                self._decay()
                if self.it % 50 == 0:
                    print(f"iter {self.it}/{self.max_iter} loss {loss.item():.4f}")
                if self.it >= self.max_iter:
                    break
