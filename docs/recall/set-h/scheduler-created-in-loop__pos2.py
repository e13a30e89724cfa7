import torch
from torch.optim.lr_scheduler import MultiStepLR


class PoseTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.TRAIN.LR)
        self.crit = torch.nn.MSELoss(reduction="mean")
        self.lr_sched = None

    def train_epoch(self, epoch):
        self.lr_sched = MultiStepLR(self.opt, milestones=self.cfg.TRAIN.LR_STEP, gamma=self.cfg.TRAIN.LR_FACTOR)
        self.net.train()
        total = 0.0
        for i, (inp, heatmap, weight) in enumerate(self.loader):
            inp, heatmap, weight = inp.cuda(), heatmap.cuda(), weight.cuda()
            pred = self.net(inp)
            loss = self.crit(pred * weight, heatmap * weight)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
            if i % self.cfg.PRINT_FREQ == 0:
                print(f"Epoch [{epoch}][{i}/{len(self.loader)}] loss {loss.item():.6f}")
        self.lr_sched.step()
        return total / len(self.loader)

    def fit(self):
        # cfg.TRAIN.LR_STEP = [90, 120], cfg.TRAIN.END_EPOCH = 140
        for epoch in range(self.cfg.TRAIN.BEGIN_EPOCH, self.cfg.TRAIN.END_EPOCH):
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch} avg loss {avg:.6f}")
