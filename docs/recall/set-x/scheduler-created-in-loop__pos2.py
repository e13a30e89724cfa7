import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class DepthTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.total_steps = cfg.epochs * len(loader)
        self.lr_sched = None

    @staticmethod
    def silog(pred, gt, lam=0.85):
        valid = gt > 0
        d = torch.log(pred[valid]) - torch.log(gt[valid])
        return torch.sqrt((d ** 2).mean() - lam * d.mean() ** 2)

    def train_epoch(self, epoch):
        self.net.train()
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=self.total_steps, eta_min=self.cfg.lr * 0.01)
        for step, (rgb, depth) in enumerate(self.loader):
            rgb, depth = rgb.cuda(), depth.cuda()
            loss = self.silog(self.net(rgb), depth)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.lr_sched.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step} silog {loss.item():.4f} "
                      f"lr {self.lr_sched.get_last_lr()[0]:.2e}")

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
            torch.save({"net": self.net.state_dict(), "epoch": epoch}, f"depth_{epoch}.pth")
