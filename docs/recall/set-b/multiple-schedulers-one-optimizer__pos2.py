import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ExponentialLR, MultiStepLR


class PoseTrainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.TRAIN.LR)
        # slow exponential decay plus hard drops at the milestones
        self.smooth = ExponentialLR(self.opt, gamma=cfg.TRAIN.GAMMA)
        self.drops = MultiStepLR(self.opt, milestones=cfg.TRAIN.MILESTONES, gamma=0.1)
        self.criterion = nn.MSELoss()

    def _end_epoch(self, epoch):
        self.smooth.step()
        self.drops.step()
        torch.save(
            {"net": self.net.state_dict(), "opt": self.opt.state_dict(),
             "smooth": self.smooth.state_dict(), "drops": self.drops.state_dict(),
             "epoch": epoch},
            f"{self.cfg.OUTPUT_DIR}/checkpoint.pth",
        )

    def train(self):
        for epoch in range(self.cfg.TRAIN.END_EPOCH):
            self.net.train()
            for i, (img, heatmap, weight) in enumerate(self.train_loader):
                img, heatmap, weight = img.cuda(), heatmap.cuda(), weight.cuda()
                pred = self.net(img)
                loss = self.criterion(pred * weight, heatmap * weight)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                if i % 100 == 0:
                    print(f"Epoch [{epoch}][{i}] loss {loss.item():.6f}")
            self._end_epoch(epoch)
