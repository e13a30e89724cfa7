import torch
import torch.nn.functional as F


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.optim = torch.optim.SGD(
            self.net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"]
        )
        self.global_step = 0

    def _update(self, loss):
        self.optim.zero_grad(set_to_none=True)
        loss.backward()
        self.optim.step()

    def train_epoch(self):
        self.net.train()
        for img, mask in self.loader:
            img = img.cuda(non_blocking=True)
            mask = mask.cuda(non_blocking=True)
            loss = F.cross_entropy(self.net(img), mask, ignore_index=255)
            self._update(loss)
            self.global_step += 1
            if self.global_step % 50 == 0:
                print(f"step {self.global_step}: {loss.item():.4f}")

    def fit(self):
        for _ in range(self.cfg["epochs"]):
            self.train_epoch()
