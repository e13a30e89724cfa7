import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR


class SRTrainer:
    """Super-resolution trainer (L1 loss, halving LR at fixed milestones)."""

    def __init__(self, generator, loader, opt_cfg):
        self.netG = generator.cuda()
        self.loader = loader
        self.total_iter = opt_cfg["total_iter"]
        self.optimizer_g = torch.optim.Adam(self.netG.parameters(), lr=opt_cfg["lr_g"],
                                            betas=(0.9, 0.99))
        self.scheduler_g = MultiStepLR(self.optimizer_g,
                                       milestones=opt_cfg["milestones"], gamma=0.5)
        self.current_iter = 0

    def optimize_parameters(self, lq, gt):
        self.optimizer_g.zero_grad()
        sr = self.netG(lq)
        l_pix = F.l1_loss(sr, gt)
        l_pix.backward()
        self.optimizer_g.step()
        return l_pix.item()

    def train(self):
        self.netG.train()
        while self.current_iter < self.total_iter:
            for data in self.loader:
                self.current_iter += 1
                lq, gt = data["lq"].cuda(), data["gt"].cuda()
                l_pix = self.optimize_parameters(lq, gt)
                if self.current_iter % 100 == 0:
                    print(f"iter {self.current_iter}: l_pix {l_pix:.4f}")
                if self.current_iter >= self.total_iter:
                    break
