import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ExponentialLR, MultiStepLR


class ReIDTrainer:
    def __init__(self, backbone, loader, num_epochs=120, base_lr=3.5e-4):
        self.backbone = backbone.cuda()
        self.loader = loader
        self.num_epochs = num_epochs
        self.optimizer = torch.optim.Adam(backbone.parameters(), lr=base_lr, weight_decay=5e-4)
        self.smooth_decay = ExponentialLR(self.optimizer, gamma=0.99)
        self.step_decay = MultiStepLR(self.optimizer, milestones=[40, 70], gamma=0.1)

    def _end_of_epoch(self, epoch):
        self.smooth_decay.step()
        self.step_decay.step()
        torch.save(
            {
                "backbone": self.backbone.state_dict(),
                "optimizer": self.optimizer.state_dict(),
                "smooth_decay": self.smooth_decay.state_dict(),
                "step_decay": self.step_decay.state_dict(),
                "epoch": epoch,
            },
            "reid_checkpoint.pth",
        )

    def train(self):
        for epoch in range(self.num_epochs):
            self.backbone.train()
            total = 0.0
            for batch_idx, (imgs, pids) in enumerate(self.loader):
                imgs, pids = imgs.cuda(), pids.cuda()
                feats, logits = self.backbone(imgs)
                loss = F.cross_entropy(logits, pids) + 0.1 * feats.pow(2).mean()
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                total += loss.item()
            print(f"epoch {epoch} loss {total / (batch_idx + 1):.4f}")
            self._end_of_epoch(epoch)
