from pathlib import Path

import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, net, loader, lr, work_dir, max_epochs=100):
        self.net = net.cuda()
        self.loader = loader
        self.optim = torch.optim.RMSprop(self.net.parameters(), lr=lr, alpha=0.9, eps=1e-6)
        self.work_dir = Path(work_dir)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.max_epochs = max_epochs
        self.epoch = 0

    def train_one_epoch(self):
        self.net.train()
        total, n = 0.0, 0
        for batch in self.loader:
            feats, target = batch["feats"].cuda(), batch["target"].cuda()
            pred = self.net(feats)
            loss = F.smooth_l1_loss(pred, target)
            self.optim.zero_grad(set_to_none=True)
            loss.backward()
            self.optim.step()
            total += loss.item() * feats.size(0)
            n += feats.size(0)
        return total / max(n, 1)

    def snapshot(self, tag):
        path = self.work_dir / f"{tag}.pth"
        torch.save({"epoch": self.epoch, "net": self.net,
                    "optim": self.optim.state_dict()}, path)
        return path

    def fit(self):
        while self.epoch < self.max_epochs:
            loss = self.train_one_epoch()
            print(f"epoch {self.epoch}: {loss:.5f}")
            if (self.epoch + 1) % 10 == 0:
                self.snapshot(f"epoch_{self.epoch + 1:03d}")
            self.epoch += 1
        self.snapshot("final")
